package io.ringlog.core.format;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class RecordBatchCodecTest {
    private static final int MAX = 1 << 20;

    /**
     * One record, value "hi", null key, no headers, base offset 5, timestamp 1000, written field by
     * field from the RecordBatch v2 layout in the Kafka protocol guide; CRC bytes are filled in below.
     */
    private static final String HAND_VECTOR =
        "0000000000000005" + "0000003a" + "ffffffff" + "02" + "00000000" + "0000" + "00000000"
            + "00000000000003e8" + "00000000000003e8" + "ffffffffffffffff" + "ffff" + "ffffffff" + "00000001"
            + "10" + "00" + "00" + "00" + "01" + "04" + "6869" + "00";

    @Test
    void crc32cShouldMatchTheCastagnoliCheckValue() {
        ByteBuffer b = ByteBuffer.wrap("123456789".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0xE3069283L, Crc32c.compute(new CRC32C(), b, 0, 9));
    }

    @Test
    void shouldEncodeSingleValueExactlyAsTheHandVector() {
        byte[] expected = withCrc(HexFormat.of().parseHex(HAND_VECTOR));
        ByteBuffer dst = ByteBuffer.allocate(128);
        int end = new RecordBatchEncoder().encodeSingle(dst, 0, 5, 1000, ByteBuffer.wrap("hi".getBytes()));
        assertEquals(70, end);
        assertEquals(70, RecordBatchEncoder.singleRecordBatchSize(2));
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(dst.array(), 0, end));
    }

    @Test
    void shouldValidateAndDecodeTheHandVector() {
        ByteBuffer b = ByteBuffer.wrap(withCrc(HexFormat.of().parseHex(HAND_VECTOR)));
        assertEquals(BatchStatus.OK, new BatchValidator().check(b, 0, b.limit(), MAX));
        BatchView view = new BatchView(b);
        assertEquals(5, view.baseOffset());
        assertEquals(5, view.lastOffset());
        assertEquals(1000, view.maxTimestamp());
        RecordView r = view.records().next();
        assertEquals(5, r.offset());
        assertEquals(1000, r.timestamp());
        assertNull(r.key());
        assertArrayEquals("hi".getBytes(), r.valueBytes());
    }

    @Test
    void shouldRoundTripRecordsWithKeysHeadersAndTimestamps() {
        List<LogRecord> records = List.of(
            new LogRecord(ByteBuffer.wrap("k1".getBytes()), ByteBuffer.wrap("v1".getBytes()),
                List.of(new RecordHeader("h", "x".getBytes()), new RecordHeader("n", null)), 2000),
            new LogRecord(null, null, List.of(), 1990),
            LogRecord.of("k3".getBytes(), new byte[300], 2500));
        ByteBuffer dst = ByteBuffer.allocate(RecordBatchEncoder.batchSize(records));
        int end = new RecordBatchEncoder().encode(dst, 0, 100, records);
        assertEquals(dst.capacity(), end);
        assertEquals(BatchStatus.OK, new BatchValidator().check(dst, 0, end, MAX));
        BatchView view = new BatchView(dst);
        assertEquals(102, view.lastOffset());
        assertEquals(2000, view.baseTimestamp());
        assertEquals(2500, view.maxTimestamp());
        Iterator<RecordView> it = view.records();
        RecordView r1 = it.next();
        assertArrayEquals("k1".getBytes(), r1.keyBytes());
        assertEquals(List.of(new RecordHeader("h", "x".getBytes()), new RecordHeader("n", null)), r1.headers());
        RecordView r2 = it.next();
        assertEquals(101, r2.offset());
        assertEquals(1990, r2.timestamp());
        assertNull(r2.value());
        assertEquals(300, it.next().value().remaining());
        assertFalse(it.hasNext());
    }

    @Test
    void shouldKeepCrcValidWhenBaseOffsetIsRewritten() {
        ByteBuffer b = ByteBuffer.wrap(withCrc(HexFormat.of().parseHex(HAND_VECTOR)));
        RecordBatchDescriptor.setBaseOffset(b, 0, 123_456_789L);
        assertEquals(BatchStatus.OK, new BatchValidator().check(b, 0, b.limit(), MAX));
    }

    @Test
    void shouldReportEachKindOfDamage() {
        byte[] good = withCrc(HexFormat.of().parseHex(HAND_VECTOR));
        BatchValidator v = new BatchValidator();
        assertEquals(BatchStatus.TRUNCATED_HEADER, v.check(ByteBuffer.wrap(good), 0, 60, MAX));
        assertEquals(BatchStatus.TRUNCATED_BATCH, v.check(ByteBuffer.wrap(good), 0, 69, MAX));
        assertEquals(BatchStatus.BAD_LENGTH, v.check(ByteBuffer.allocate(4096), 0, 4096, MAX));
        assertEquals(BatchStatus.BAD_LENGTH, v.check(ByteBuffer.wrap(good), 0, 70, 69));
        byte[] magic = good.clone();
        magic[16] = 1;
        assertEquals(BatchStatus.BAD_MAGIC, v.check(ByteBuffer.wrap(magic), 0, 70, MAX));
        byte[] flipped = good.clone();
        flipped[68] ^= 1;
        assertEquals(BatchStatus.BAD_CRC, v.check(ByteBuffer.wrap(flipped), 0, 70, MAX));
    }

    private static byte[] withCrc(byte[] batch) {
        long crc = Crc32c.compute(new CRC32C(), ByteBuffer.wrap(batch), 21, batch.length);
        ByteBuffer.wrap(batch).putInt(17, (int) crc);
        return batch;
    }
}
