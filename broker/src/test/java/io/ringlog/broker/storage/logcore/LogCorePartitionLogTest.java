package io.ringlog.broker.storage.logcore;

import io.ringlog.broker.storage.StoreSettings;
import io.ringlog.broker.storage.BatchTooLargeException;
import io.ringlog.broker.storage.CorruptBatchException;
import io.ringlog.broker.storage.LogSlice;
import io.ringlog.broker.storage.OffsetOutOfRangeException;
import io.ringlog.broker.storage.PartitionLog;
import io.ringlog.broker.storage.PartitionLogConfig;
import io.ringlog.broker.storage.PartitionLogException;
import io.ringlog.broker.storage.TimestampOffset;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log-core store behind the broker's PartitionLog contract. */
class LogCorePartitionLogTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);
    private static final PartitionLogConfig SMALL = new PartitionLogConfig(16 * 1024, -1, -1, 4096);

    @TempDir
    Path dir;
    private LogCorePartitionLogFactory factory;

    @BeforeEach
    void open() throws Exception {
        factory = new LogCorePartitionLogFactory(dir, StoreSettings.DEFAULTS);
    }

    @AfterEach
    void close() {
        factory.close();
    }

    static ByteBuffer batch(long timestamp, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(timestamp + i, ("k" + i).getBytes(), values[i].getBytes());
        }
        return MemoryRecords.withRecords(Compression.NONE, records).buffer();
    }

    static List<Record> records(LogSlice slice) throws Exception {
        ByteBuffer bytes = switch (slice) {
            case LogSlice.Bytes b -> b.buffer().duplicate();
            case LogSlice.FileRegion f -> {
                ByteBuffer b = ByteBuffer.allocate(f.size());
                f.channel().read(b, f.position());
                yield b.flip();
            }
        };
        List<Record> out = new ArrayList<>();
        for (RecordBatch b : MemoryRecords.readableRecords(bytes).batches()) {
            b.forEach(out::add);
        }
        return out;
    }

    @Test
    void shouldAppendReadAndFindRecordsByTimestamp() throws Exception {
        try (PartitionLog log = factory.open(TP, SMALL)) {
            assertEquals(0, log.appendBatch(batch(1000, "a", "b")));
            assertEquals(2, log.appendBatch(batch(2000, "c", "d", "e")));
            assertEquals(5, log.logEndOffset());
            List<Record> got = records(log.read(0, 1 << 20));
            assertEquals(5, got.size());
            assertEquals("c", new String(Utils.bytes(got.get(2).value())));
            assertEquals(Optional.of(new TimestampOffset(2001, 3)), log.offsetForTimestamp(2001));
            assertEquals(Optional.empty(), log.offsetForTimestamp(9999));
            assertEquals(0, log.read(5, 100).sizeInBytes());
            assertThrows(OffsetOutOfRangeException.class, () -> log.read(6, 100));
        }
    }

    @Test
    void shouldMapStoreErrorsToTheBrokersTypes() throws Exception {
        PartitionLog log = factory.open(TP, SMALL);
        ByteBuffer corrupt = batch(1, "x");
        corrupt.put(corrupt.limit() - 1, (byte) (corrupt.get(corrupt.limit() - 1) ^ 1));
        assertThrows(CorruptBatchException.class, () -> log.appendBatch(corrupt));
        assertThrows(BatchTooLargeException.class, () -> log.appendBatch(batch(1, "y".repeat(5000))));
        assertThrows(OffsetOutOfRangeException.class, () -> log.deleteRecordsBefore(1));
        log.appendBatch(batch(1, "ok"));
        log.close();
        PartitionLogException closed = assertThrows(PartitionLogException.class, () -> log.appendBatch(batch(1, "late")));
        assertEquals(PartitionLogException.class, closed.getClass(), "a closed log is a storage error");
        log.close();
    }

    @Test
    void shouldKeepDataAcrossReopenAndDeleteDirectoriesDurably() throws Exception {
        try (PartitionLog a = factory.open(TP, SMALL); PartitionLog b = factory.open(new TopicPartition("t", 1), SMALL)) {
            a.appendBatch(batch(1, "one", "two"));
            b.appendBatch(batch(1, "three"));
        }
        assertEquals(Set.of(TP, new TopicPartition("t", 1)), factory.existingPartitions());
        try (PartitionLog a = factory.open(TP, SMALL)) {
            assertEquals(2, a.logEndOffset());
            assertEquals(2, records(a.read(0, 4096)).size());
        }
        factory.delete(TP);
        factory.delete(TP);
        assertFalse(Files.exists(dir.resolve("t-0")));
        assertEquals(Set.of(new TopicPartition("t", 1)), factory.existingPartitions());
        // A crash between the rename and the removal leaves t-1.deleting: the next open finishes it.
        Files.move(dir.resolve("t-1"), dir.resolve("t-1" + LogCorePartitionLogFactory.DELETING_SUFFIX));
        factory.close();
        factory = new LogCorePartitionLogFactory(dir, StoreSettings.DEFAULTS);
        assertEquals(Set.of(), factory.existingPartitions());
        assertFalse(Files.exists(dir.resolve("t-1" + LogCorePartitionLogFactory.DELETING_SUFFIX)));
    }

    @Test
    void aFileRegionHandedOutShouldSendItsOriginalBytesAfterRetentionRecycledItsSegment() throws Exception {
        PartitionLogConfig retainNothing = new PartitionLogConfig(16 * 1024, -1, 0, 4096);
        try (LogCorePartitionLog log = (LogCorePartitionLog) factory.open(TP, retainNothing)) {
            for (int i = 0; i < 40; i++) {
                log.appendBatch(batch(i, "old-" + i + "-" + "x".repeat(900)));
            }
            LogSlice slice = log.read(0, 8192);
            LogSlice.FileRegion region = assertInstanceOf(LogSlice.FileRegion.class, slice, "sealed segment");
            ByteBuffer original = ByteBuffer.allocate(region.size());
            region.channel().read(original, region.position());
            log.applyRetention();
            assertTrue(log.logStartOffset() > 0, "retention retired the first segment");
            for (int i = 0; i < 120; i++) {
                log.appendBatch(batch(i, "new-" + i + "-" + "y".repeat(900))); // rolls through recycled files
            }
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            try (WritableByteChannel out = Channels.newChannel(sent)) {
                long n = 0;
                while (n < region.size()) {
                    n += region.channel().transferTo(region.position() + n, region.size() - n, out);
                }
            }
            assertArrayEquals(original.array(), sent.toByteArray());
            assertTrue(records(slice).getFirst().offset() == 0);
        }
    }

    /** Small helper: a record value's bytes. */
    private static final class Utils {
        static byte[] bytes(ByteBuffer b) {
            byte[] out = new byte[b.remaining()];
            b.duplicate().get(out);
            return out;
        }
    }
}
