package io.ringlog.broker.topic;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ProducerStateTableTest {
    private final ProducerStateTable table = new ProducerStateTable();

    private static RecordBatch batch(long pid, short epoch, int seq) {
        return MemoryRecords.withIdempotentRecords(Compression.NONE, pid, epoch, seq, new SimpleRecord("x".getBytes()))
            .batches().iterator().next();
    }

    private void append(RecordBatch b, long offset) {
        assertInstanceOf(ProducerStateTable.Accept.class, table.check(b));
        table.record(b, offset);
    }

    @Test
    void shouldRecogniseOnlyTheLastFiveBatchesAsDuplicates() {
        for (int seq = 0; seq < 7; seq++) {
            append(batch(1, (short) 0, seq), 100 + seq);
        }
        assertEquals(new ProducerStateTable.Duplicate(102), table.check(batch(1, (short) 0, 2)));
        assertEquals(new ProducerStateTable.Duplicate(106), table.check(batch(1, (short) 0, 6)));
        ProducerStateTable.Check old = table.check(batch(1, (short) 0, 1));
        assertEquals(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, ((ProducerStateTable.Reject) old).error());
    }

    @Test
    void shouldKeepProducersApart() {
        append(batch(1, (short) 0, 0), 0);
        append(batch(2, (short) 0, 0), 1);
        assertEquals(new ProducerStateTable.Duplicate(1), table.check(batch(2, (short) 0, 0)));
    }

    @Test
    void shouldFenceOlderEpochsAndRequireSequenceZeroForANewEpoch() {
        append(batch(1, (short) 3, 0), 0);
        assertEquals(Errors.INVALID_PRODUCER_EPOCH, ((ProducerStateTable.Reject) table.check(batch(1, (short) 2, 1))).error());
        assertEquals(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, ((ProducerStateTable.Reject) table.check(batch(1, (short) 4, 5))).error());
        append(batch(1, (short) 4, 0), 1);
    }

    @Test
    void shouldAcceptBatchesWithoutProducerId() {
        RecordBatch plain = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("x".getBytes())).batches().iterator().next();
        assertInstanceOf(ProducerStateTable.Accept.class, table.check(plain));
    }
}
