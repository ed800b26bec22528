package io.ringlog.broker.topic;

import io.ringlog.broker.storage.InMemoryPartitionLog;
import io.ringlog.broker.storage.PartitionLog;
import io.ringlog.broker.storage.PartitionLogException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A reopened partition's log opens once, on first use or in the background, and callers see its recovered state. */
class LazyPartitionLogTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);

    private static InMemoryPartitionLog logWithOneBatch() throws PartitionLogException {
        InMemoryPartitionLog log = new InMemoryPartitionLog(TP.toString());
        log.appendBatch(MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("v".getBytes())).buffer());
        return log;
    }

    @Test
    void shouldOpenOnceWhateverTheNumberOfConcurrentFirstCalls() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        InMemoryPartitionLog real = logWithOneBatch();
        LazyPartitionLog lazy = new LazyPartitionLog(TP, () -> {
            opens.incrementAndGet();
            return real;
        });
        assertFalse(lazy.isOpen());
        List<CompletableFuture<Long>> ends = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ends.add(CompletableFuture.supplyAsync(lazy::logEndOffset));
        }
        for (CompletableFuture<Long> end : ends) {
            assertEquals(1, end.get(10, TimeUnit.SECONDS));
        }
        assertEquals(1, opens.get());
        assertSame(real, lazy.opened());
    }

    @Test
    void aCallDuringAnOpenInProgressShouldWaitForTheRecoveredState() throws Exception {
        CountDownLatch recovering = new CountDownLatch(1);
        CountDownLatch finishRecovery = new CountDownLatch(1);
        InMemoryPartitionLog real = logWithOneBatch();
        LazyPartitionLog lazy = new LazyPartitionLog(TP, () -> {
            recovering.countDown();
            await(finishRecovery);
            return real;
        });
        CompletableFuture<PartitionLog> opener = CompletableFuture.supplyAsync(() -> open(lazy));
        assertTrue(recovering.await(10, TimeUnit.SECONDS));
        CompletableFuture<Long> end = CompletableFuture.supplyAsync(lazy::logEndOffset);
        Thread.sleep(100);
        assertFalse(end.isDone(), "the end offset must not be answered before recovery finished");
        finishRecovery.countDown();
        assertEquals(1, end.get(10, TimeUnit.SECONDS));
        assertSame(real, opener.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFailedOpenShouldBeKeptAndNameThePartition() {
        AtomicInteger opens = new AtomicInteger();
        LazyPartitionLog lazy = new LazyPartitionLog(TP, () -> {
            opens.incrementAndGet();
            throw new PartitionLogException(TP + ": cannot open the log: disk gone");
        });
        assertThrows(PartitionLogException.class, lazy::opened);
        PartitionLogException again = assertThrows(PartitionLogException.class, () -> lazy.read(0, 100));
        assertTrue(again.getMessage().contains("t-0") && again.getMessage().contains("disk gone"), again.getMessage());
        assertThrows(KafkaStorageException.class, lazy::logEndOffset);
        assertEquals(1, opens.get());
    }

    @Test
    void closeBeforeFirstUseShouldNeverOpenTheLog() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        LazyPartitionLog lazy = new LazyPartitionLog(TP, () -> {
            opens.incrementAndGet();
            return logWithOneBatch();
        });
        lazy.close();
        assertThrows(PartitionLogException.class, lazy::opened);
        assertEquals(0, opens.get());
    }

    private static PartitionLog open(LazyPartitionLog lazy) {
        try {
            return lazy.opened();
        } catch (PartitionLogException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
