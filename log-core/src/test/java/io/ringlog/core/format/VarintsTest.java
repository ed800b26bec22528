package io.ringlog.core.format;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VarintsTest {

    /** Vectors from the zigzag definition in the Kafka protocol guide (same as protobuf sint32). */
    @Test
    void shouldEncodeZigzagVarintsAsTheSpecSays() {
        assertVarint(0, "00");
        assertVarint(-1, "01");
        assertVarint(1, "02");
        assertVarint(63, "7e");
        assertVarint(-64, "7f");
        assertVarint(64, "8001");
        assertVarint(300, "d804");
        assertVarint(Integer.MAX_VALUE, "feffffff0f");
        assertVarint(Integer.MIN_VALUE, "ffffffff0f");
    }

    @Test
    void shouldEncodeVarlongExtremes() {
        ByteBuffer b = ByteBuffer.allocate(10);
        int end = Varints.writeVarlong(b, 0, Long.MIN_VALUE);
        assertEquals(10, end);
        assertEquals("ffffffffffffffffff01", HexFormat.of().formatHex(b.array(), 0, end));
    }

    @Test
    void shouldRejectOverlongVarint() {
        ByteBuffer b = ByteBuffer.wrap(HexFormat.of().parseHex("ffffffffff01"));
        assertThrows(CorruptRecordException.class, () -> Varints.readVarint(b, 0, 6));
    }

    @Property(tries = 300)
    void varintShouldRoundTrip(@ForAll int value) {
        ByteBuffer b = ByteBuffer.allocate(5);
        int end = Varints.writeVarint(b, 0, value);
        assertEquals(Varints.sizeOfVarint(value), end);
        long packed = Varints.readVarint(b, 0, end);
        assertEquals(value, Varints.value(packed));
        assertEquals(end, Varints.length(packed));
    }

    @Property(tries = 300)
    void varlongShouldRoundTrip(@ForAll long value) {
        ByteBuffer b = ByteBuffer.allocate(10);
        int end = Varints.writeVarlong(b, 0, value);
        assertEquals(Varints.sizeOfVarlong(value), end);
        int[] len = new int[1];
        assertEquals(value, Varints.readVarlong(b, 0, end, len));
        assertEquals(end, len[0]);
    }

    private static void assertVarint(int value, String hex) {
        ByteBuffer b = ByteBuffer.allocate(5);
        int end = Varints.writeVarint(b, 0, value);
        assertEquals(hex, HexFormat.of().formatHex(b.array(), 0, end), "varint " + value);
        assertEquals(hex.length() / 2, Varints.sizeOfVarint(value));
    }
}
