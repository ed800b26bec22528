package io.ringlog.core;

import io.ringlog.core.format.BatchView;
import io.ringlog.core.format.LogRecord;
import io.ringlog.core.format.RecordBatchDescriptor;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.ringlog.core.LogTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class ReadPathTest {
    @TempDir
    Path dir;

    @Test
    void kafkaBatchesShouldBeStoredVerbatimWithTheAssignedBaseOffset() throws Exception {
        try (Log log = Log.open(dir, small().build())) {
            log.append(utf8("first"));
            MemoryRecords producer = MemoryRecords.withRecords(Compression.gzip().build(),
                new SimpleRecord(5L, "k".getBytes(), "compressed-1".getBytes()),
                new SimpleRecord(6L, null, "compressed-2".getBytes()));
            ByteBuffer sent = producer.buffer().duplicate();
            assertEquals(1, log.appendBatch(sent));
            assertEquals(0, RecordBatchDescriptor.baseOffset(producer.buffer(), 0), "caller's buffer untouched");
            assertEquals(3, log.endOffset());
            FetchRange range = log.readBatches(1, 1 << 20);
            assertEquals(1, range.firstOffset());
            assertEquals(3, range.nextOffset());
            ByteBuffer stored = range.read();
            ByteBuffer expected = producer.buffer().duplicate();
            RecordBatchDescriptor.setBaseOffset(expected, 0, 1);
            assertEquals(expected, stored, "bytes identical except the base offset");
            MutableRecordBatch back = MemoryRecords.readableRecords(stored).batches().iterator().next();
            back.ensureValid();
            Iterator<org.apache.kafka.common.record.Record> it = back.iterator();
            assertEquals(1, it.next().offset());
            assertEquals("compressed-2", new String(bytes(it.next().value())));
        }
    }

    @Test
    void readBatchesShouldReturnWholeBatchesWithinMaxBytesForTransferTo() throws Exception {
        // An O_DIRECT write path by name: auto may pick filechannel_force on a busy disk.
        try (Log log = Log.open(dir, small().writePath("pwrite_dsync").build())) {
            for (int i = 0; i < 50; i++) {
                log.append(utf8(String.format("m%02d", i) + "-".repeat(100)));
            }
            int batchSize = log.readBatches(0, 1).length();
            FetchRange range = log.readBatches(10, batchSize * 3 + 5);
            assertEquals(3 * batchSize, range.length());
            assertEquals(10, range.firstOffset());
            assertEquals(13, range.nextOffset());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(range.length(), range.transferTo(Channels.newChannel(out)));
            assertEquals(range.read(), ByteBuffer.wrap(out.toByteArray()));
            assertTrue(range.inMemory(), "active segment of an O_DIRECT log is read with O_DIRECT, not sendfile");
            assertTrue(log.readBatches(50, 1000).isEmpty());
            assertThrows(OffsetOutOfRangeException.class, () -> log.readBatches(51, 1000));
        }
    }

    @Test
    void timestampLookupShouldFindTheFirstRecordAtOrAfter() throws Exception {
        try (Log log = Log.open(dir, small().build())) {
            for (int i = 0; i < 300; i++) {
                log.append(List.of(LogRecord.of(null, ("t" + i + "-".repeat(200)).getBytes(), 10_000L + 10 * i),
                    LogRecord.of(null, "b".getBytes(), 10_000L + 10 * i + 5)));
            }
            assertEquals(0, log.offsetForTimestamp(0));
            assertEquals(0, log.offsetForTimestamp(10_000));
            assertEquals(1, log.offsetForTimestamp(10_001));
            assertEquals(2 * 150, log.offsetForTimestamp(10_000 + 1500));
            assertEquals(2 * 150 + 1, log.offsetForTimestamp(10_000 + 1503));
            assertEquals(-1, log.offsetForTimestamp(99_999_999));
        }
    }

    @Test
    void tailingReaderShouldWakeUpForNewDurableData() throws Exception {
        try (Log log = Log.open(dir, small().build()); LogReader reader = log.reader(0)) {
            assertNull(reader.poll(Duration.ofMillis(20)));
            CompletableFuture<BatchView> polled = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.poll(Duration.ofSeconds(10));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(30);
            log.append(utf8("wake"));
            BatchView b = polled.get();
            assertEquals(0, b.baseOffset());
        }
    }

    @Test
    void asyncAppendsShouldBecomeDurableWithoutWaitingAppenders() throws Exception {
        try (Log log = Log.open(dir, small().durability(Durability.ASYNC).build())) {
            long last = -1;
            for (int i = 0; i < 100; i++) {
                last = log.append(utf8("a" + i));
            }
            assertEquals(last, log.whenDurable(last).get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(log.awaitDurable(last, Duration.ofSeconds(10)));
            java.util.concurrent.CompletableFuture<Long> future = log.whenDurable(last + 1);
            assertFalse(future.isDone());
            log.append(utf8("one more"));
            assertEquals(last + 1, future.get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(101, log.durableEndOffset());
            assertEquals(101, readValues(log, 0).size());
            java.util.concurrent.CompletableFuture<Long> never = log.whenDurable(10_000);
            log.close();
            assertThrows(java.util.concurrent.ExecutionException.class,
                () -> never.get(10, java.util.concurrent.TimeUnit.SECONDS), "pending completions fail on close");
        }
        try (Log log = Log.open(dir, small().build())) {
            assertEquals(101, log.endOffset());
        }
    }

    @Test
    void noneDurabilityShouldStillReadBackAndFlushOnClose() throws Exception {
        try (Log log = Log.open(dir, small().durability(Durability.NONE).build())) {
            assertEquals("filechannel_force", log.stats().writePath());
            for (int i = 0; i < 100; i++) {
                log.append(utf8("n" + i));
            }
            log.flush();
            assertEquals(100, readValues(log, 0).size());
        }
        try (Log log = Log.open(dir, small().durability(Durability.NONE).build())) {
            assertEquals(100, log.endOffset());
        }
    }

    @Test
    void truncateShouldRemoveTheContainingBatchAndLaterSegments() throws Exception {
        try (Log log = Log.open(dir, small().build())) {
            for (int i = 0; i < 200; i++) {
                log.append(List.of(LogRecord.of(null, ("x" + i + "-".repeat(700)).getBytes(), i),
                    LogRecord.of(null, "y".getBytes(), i)));
            }
            int segments = log.segments().size();
            assertTrue(segments > 2);
            FetchRange sealed = log.readBatches(0, 1000);
            assertFalse(sealed.inMemory(), "sealed segments are sent with transferTo");
            assertNotNull(sealed.channel());
            log.truncateTo(21);
            assertEquals(20, log.endOffset(), "the batch containing 21 starts at 20");
            assertTrue(log.segments().size() < segments);
            assertEquals(20, log.append(utf8("new")));
            assertEquals("new", readValues(log, 20).getFirst());
        }
        try (Log log = Log.open(dir, small().build())) {
            assertEquals(21, log.endOffset());
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
