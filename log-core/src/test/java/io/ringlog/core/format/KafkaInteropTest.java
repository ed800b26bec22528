package io.ringlog.core.format;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cross-checks the codec against kafka-clients' own MemoryRecords (test dependency only). */
class KafkaInteropTest {

    @Test
    void kafkaShouldReadWhatRinglogEncodes() {
        List<LogRecord> records = List.of(
            new LogRecord(ByteBuffer.wrap("key".getBytes()), ByteBuffer.wrap("value".getBytes()),
                List.of(new RecordHeader("trace", "abc".getBytes())), 1_700_000_000_000L),
            LogRecord.of(null, "second".getBytes(), 1_700_000_000_007L));
        ByteBuffer dst = ByteBuffer.allocate(RecordBatchEncoder.batchSize(records));
        new RecordBatchEncoder().encode(dst, 0, 42, records);
        MemoryRecords kafka = MemoryRecords.readableRecords(dst);
        MutableRecordBatch batch = kafka.batches().iterator().next();
        batch.ensureValid();
        assertEquals(42, batch.baseOffset());
        assertEquals(43, batch.lastOffset());
        assertEquals(1_700_000_000_007L, batch.maxTimestamp());
        Iterator<Record> it = batch.iterator();
        Record r = it.next();
        assertEquals("key", bytes(r.key()));
        assertEquals("value", bytes(r.value()));
        Header h = r.headers()[0];
        assertEquals("trace", h.key());
        assertArrayEquals("abc".getBytes(), h.value());
        Record r2 = it.next();
        assertEquals(43, r2.offset());
        assertEquals(1_700_000_000_007L, r2.timestamp());
    }

    @Test
    void ringlogShouldAcceptAndDecodeKafkaUncompressedBatches() {
        MemoryRecords kafka = MemoryRecords.withRecords(Compression.NONE,
            new SimpleRecord(10L, "a".getBytes(), "1".getBytes()),
            new SimpleRecord(11L, null, "2".getBytes()));
        ByteBuffer b = kafka.buffer();
        assertEquals(BatchStatus.OK, new BatchValidator().check(b, 0, b.limit(), 1 << 20));
        Iterator<RecordView> it = new BatchView(b).records();
        assertArrayEquals("a".getBytes(), it.next().keyBytes());
        RecordView r = it.next();
        assertEquals(1, r.offset());
        assertEquals(11L, r.timestamp());
        assertArrayEquals("2".getBytes(), r.valueBytes());
    }

    @Test
    void ringlogShouldAcceptCompressedKafkaBatchesWithoutDecompressing() {
        for (Compression c : List.of(Compression.gzip().build(), Compression.lz4().build(),
            Compression.snappy().build(), Compression.zstd().build())) {
            MemoryRecords kafka = MemoryRecords.withRecords(c,
                new SimpleRecord(10L, "a".getBytes(), new byte[1000]),
                new SimpleRecord(11L, "b".getBytes(), new byte[1000]));
            ByteBuffer b = kafka.buffer();
            assertEquals(BatchStatus.OK, new BatchValidator().check(b, 0, b.limit(), 1 << 20), c.toString());
            BatchView v = new BatchView(b);
            assertTrue(v.isCompressed());
            assertEquals(1, v.lastOffset());
            RecordBatchDescriptor.setBaseOffset(b, 0, 999);
            MemoryRecords.readableRecords(b).batches().iterator().next().ensureValid();
        }
    }

    private static String bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return new String(out);
    }
}
