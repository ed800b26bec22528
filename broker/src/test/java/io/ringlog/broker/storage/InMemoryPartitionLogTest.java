package io.ringlog.broker.storage;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The in-memory store follows the {@link PartitionLog} contract the durable adapter must meet too. */
class InMemoryPartitionLogTest {
    private final InMemoryPartitionLog log = new InMemoryPartitionLog("t-0");

    private static ByteBuffer batch(long firstTimestamp, int count) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = new SimpleRecord(firstTimestamp + i, ("v" + i).getBytes());
        }
        return MemoryRecords.withRecords(Compression.NONE, records).buffer();
    }

    private static List<RecordBatch> batches(LogSlice slice) {
        List<RecordBatch> out = new ArrayList<>();
        MemoryRecords.readableRecords(((LogSlice.Bytes) slice).buffer()).batches().forEach(out::add);
        return out;
    }

    @Test
    void shouldAssignConsecutiveBaseOffsets() throws Exception {
        assertEquals(0, log.appendBatch(batch(100, 3)));
        assertEquals(3, log.appendBatch(batch(200, 2)));
        assertEquals(5, log.logEndOffset());
        List<RecordBatch> read = batches(log.read(0, Integer.MAX_VALUE));
        assertEquals(List.of(0L, 3L), read.stream().map(RecordBatch::baseOffset).toList());
        read.forEach(RecordBatch::ensureValid);
    }

    @Test
    void shouldReadTheBatchContainingTheOffsetAndAtLeastOneBatch() throws Exception {
        log.appendBatch(batch(100, 3));
        log.appendBatch(batch(200, 2));
        assertEquals(List.of(0L), batches(log.read(1, 1)).stream().map(RecordBatch::baseOffset).toList());
        assertEquals(List.of(3L), batches(log.read(4, 10_000)).stream().map(RecordBatch::baseOffset).toList());
        assertEquals(0, log.read(5, 100).sizeInBytes());
    }

    @Test
    void shouldRejectOffsetsOutsideTheLog() throws Exception {
        log.appendBatch(batch(100, 3));
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(4, 100));
        log.deleteRecordsBefore(2);
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(1, 100));
        assertThrows(OffsetOutOfRangeException.class, () -> log.deleteRecordsBefore(9));
        assertEquals(2, log.logStartOffset());
    }

    @Test
    void shouldFindTheFirstRecordAtOrAfterATimestamp() throws Exception {
        log.appendBatch(batch(100, 3));
        log.appendBatch(batch(200, 2));
        assertEquals(Optional.of(new TimestampOffset(102, 2)), log.offsetForTimestamp(102));
        assertEquals(Optional.of(new TimestampOffset(200, 3)), log.offsetForTimestamp(150));
        assertEquals(Optional.empty(), log.offsetForTimestamp(500));
        log.deleteRecordsBefore(4);
        assertEquals(Optional.of(new TimestampOffset(201, 4)), log.offsetForTimestamp(0));
    }

    @Test
    void shouldRefuseAppendsAfterClose() {
        log.close();
        assertThrows(PartitionLogException.class, () -> log.appendBatch(batch(1, 1)));
    }
}
