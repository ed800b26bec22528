package io.ringlog.broker.group.store;

import io.ringlog.broker.group.CommittedOffset;
import io.ringlog.broker.group.GroupStoreException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;

import static io.ringlog.broker.group.store.GroupStates.assertSameSnapshot;
import static io.ringlog.broker.group.store.GroupStates.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The record layouts of {@link GroupLogFormat}: exact bytes, round trips, and strict decoding. */
class GroupRecordCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static GroupRecord roundTrip(GroupRecord record) throws GroupStoreException {
        EncodedRecord e = GroupRecordCodec.encode(record);
        return GroupRecordCodec.decode(ByteBuffer.wrap(e.key()), e.value() == null ? null : ByteBuffer.wrap(e.value()), 42);
    }

    @Test
    void anOffsetRecordShouldHaveTheDocumentedBytes() {
        // The example of docs/on-disk-format.md, "Consumer group log".
        EncodedRecord e = GroupRecordCodec.encode(new GroupRecord.OffsetCommit("g",
            new CommittedOffset("t", 3, 17, 5, "m", 1000)));
        assertEquals("01" + "01" + "00000001" + "67" + "00000001" + "74" + "00000003", HEX.formatHex(e.key()));
        assertEquals("01" + "0000000000000011" + "00000005" + "00000000000003e8" + "00000001" + "6d", HEX.formatHex(e.value()));
        EncodedRecord deleted = GroupRecordCodec.encode(new GroupRecord.GroupDeleted("g"));
        assertEquals("01" + "03" + "00000001" + "67", HEX.formatHex(deleted.key()));
        assertNull(deleted.value());
    }

    @Test
    void everyRecordTypeShouldRoundTrip() throws Exception {
        GroupRecord.OffsetCommit commit = new GroupRecord.OffsetCommit("grp-\u00fc",
            new CommittedOffset("topic.x_y-z", Integer.MAX_VALUE, Long.MAX_VALUE, -1, "", Long.MIN_VALUE));
        assertEquals(commit, roundTrip(commit));
        GroupRecord.OffsetDeleted deleted = new GroupRecord.OffsetDeleted("g", "t", 0);
        assertEquals(deleted, roundTrip(deleted));
        assertEquals(new GroupRecord.GroupDeleted(""), roundTrip(new GroupRecord.GroupDeleted("")));
        GroupRecord.GroupStored stored = new GroupRecord.GroupStored(snapshot("g", 9, 4));
        assertSameSnapshot(stored.snapshot(), assertInstanceOf(GroupRecord.GroupStored.class, roundTrip(stored)).snapshot());
    }

    @Test
    void everyTruncationOfAValueShouldFailNamingTheOffset() {
        EncodedRecord e = GroupRecordCodec.encode(new GroupRecord.GroupStored(snapshot("g", 2, 2)));
        for (int length = 0; length < e.value().length; length++) {
            ByteBuffer value = ByteBuffer.wrap(e.value(), 0, length);
            GroupStoreException ex = assertThrows(GroupStoreException.class,
                () -> GroupRecordCodec.decode(ByteBuffer.wrap(e.key()), value, 1234), "value cut at " + length);
            assertTrue(ex.getMessage().contains("offset 1234"), ex.getMessage());
        }
        EncodedRecord o = GroupRecordCodec.encode(new GroupRecord.OffsetCommit("g", new CommittedOffset("t", 0, 1, 0, "x", 0)));
        for (int length = 0; length < o.key().length; length++) {
            ByteBuffer key = ByteBuffer.wrap(o.key(), 0, length);
            assertThrows(GroupStoreException.class, () -> GroupRecordCodec.decode(key, ByteBuffer.wrap(o.value()), 7),
                "key cut at " + length);
        }
    }

    @Test
    void foreignOrInconsistentRecordsShouldBeRefused() {
        byte[] goodKey = GroupRecordCodec.encode(new GroupRecord.GroupDeleted("g")).key();
        byte[] offsetValue = GroupRecordCodec.encode(new GroupRecord.OffsetCommit("g",
            new CommittedOffset("t", 0, 1, 0, "", 0))).value();
        List<String> reasons = List.of(
            decodeError(null, null),
            decodeError(HEX.parseHex("0203000000016700"), null),                // key version 2
            decodeError(HEX.parseHex("0109" + "00000001" + "67"), null),       // type 9
            decodeError(HEX.parseHex("0103" + "00000001" + "6700"), null),     // trailing key byte
            decodeError(goodKey, offsetValue),                                   // GROUP_DELETED with a value
            decodeError(HEX.parseHex("0102" + "00000001" + "67"), null),       // GROUP without a value
            decodeError(HEX.parseHex("0101" + "00000001" + "67" + "fffffffe"), null), // negative topic length
            decodeError(HEX.parseHex("0101" + "00000001" + "67" + "00000001" + "74" + "ffffffff"), null), // partition -1
            decodeError(HEX.parseHex("0101" + "00000001" + "67" + "00000001" + "74" + "00000000"),
                concat(new byte[]{2}, java.util.Arrays.copyOfRange(offsetValue, 1, offsetValue.length))),
            decodeError(HEX.parseHex("0101" + "00000001" + "67" + "00000001" + "74" + "00000000"), concat(offsetValue, new byte[1])));
        for (String reason : reasons) {
            assertTrue(reason.startsWith("record at offset 99"), reason);
        }
        assertTrue(reasons.get(1).contains("unknown key version 2"), reasons.get(1));
        assertTrue(reasons.get(2).contains("unknown record type 9"), reasons.get(2));
        assertTrue(reasons.get(8).contains("unknown value version 2"), reasons.get(8));
        assertTrue(reasons.get(9).contains("1 trailing bytes"), reasons.get(9));
    }

    @Test
    void aHugeMemberCountShouldFailWithoutAllocating() {
        byte[] key = GroupRecordCodec.encode(new GroupRecord.GroupDeleted("g")).key();
        key[1] = GroupLogFormat.TYPE_GROUP;
        byte[] value = GroupRecordCodec.encode(new GroupRecord.GroupStored(snapshot("g", 1, 0))).value();
        int countAt = value.length - 4;
        ByteBuffer.wrap(value).putInt(countAt, Integer.MAX_VALUE);
        String reason = decodeError(key, value);
        assertTrue(reason.contains("memberCount " + Integer.MAX_VALUE), reason);
    }

    private static String decodeError(byte[] key, byte[] value) {
        return assertThrows(GroupStoreException.class, () -> GroupRecordCodec.decode(key == null ? null : ByteBuffer.wrap(key),
            value == null ? null : ByteBuffer.wrap(value), 99)).getMessage();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
