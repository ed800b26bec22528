package io.ringlog.core;

import io.ringlog.core.format.BatchView;
import io.ringlog.core.format.RecordView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static io.ringlog.core.LogTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** Many appenders and tailing readers at once: every acknowledged offset must be readable with its bytes. */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class ConcurrencyTest {
    private static final int APPENDERS = 8;
    private static final int PER_APPENDER = 250;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedOffsetShouldBeReadableWithItsBytes() throws Exception {
        long seed = System.nanoTime();
        System.out.println("ConcurrencyTest seed " + seed);
        Map<Long, String> acked = new ConcurrentHashMap<>();
        AtomicLong readerChecks = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(APPENDERS + 2);
        try (Log log = Log.open(dir, small().build())) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> appenders = new ArrayList<>();
            for (int t = 0; t < APPENDERS; t++) {
                int thread = t;
                appenders.add(pool.submit(() -> {
                    start.await();
                    java.util.Random random = new java.util.Random(seed + thread);
                    for (int i = 0; i < PER_APPENDER; i++) {
                        String v = "t" + thread + "-" + i + "-" + "p".repeat(random.nextInt(600));
                        long offset = log.append(utf8(v));
                        assertNull(acked.put(offset, v), "offset handed out twice: " + offset);
                        assertTrue(log.endOffset() > offset, "acked offset must be visible at once");
                    }
                    return null;
                }));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> tail(log, acked, readerChecks, APPENDERS * PER_APPENDER, start)));
            }
            start.countDown();
            for (Future<?> f : appenders) {
                f.get();
            }
            for (Future<?> f : readers) {
                f.get();
            }
            int total = APPENDERS * PER_APPENDER;
            assertEquals(total, log.endOffset());
            assertEquals(total, acked.size());
            List<String> all = readValues(log, 0);
            for (long o = 0; o < total; o++) {
                assertEquals(acked.get(o), all.get((int) o), "offset " + o);
            }
            assertTrue(readerChecks.get() > 0);
            LogStats stats = log.stats();
            System.out.println("ConcurrencyTest: " + stats.appendedBatches() + " batches in " + stats.deviceWrites()
                + " device writes");
            assertTrue(stats.deviceWrites() <= stats.appendedBatches());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Gathering (on by default): after writes of several appends, the next write waits for as many
     * appends, or for a deadline watched by one waiter. When the others stop, a lone appender must
     * still get each append back (its first one after the group waits at most that deadline).
     */
    @Test
    void aLoneAppenderAfterAGroupShouldNotWaitForAppendersThatStopped() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(APPENDERS);
        try (Log log = Log.open(dir, small().build())) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> group = new ArrayList<>();
            for (int t = 0; t < APPENDERS; t++) {
                group.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 100; i++) {
                        log.append(utf8("group-" + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : group) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS); // the last appenders must not wait for stopped ones
            }
            LogStats grouped = log.stats();
            assertTrue(grouped.deviceWrites() < grouped.appendedBatches(),
                "concurrent appends share writes: " + grouped.appendedBatches() + " in " + grouped.deviceWrites());
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                for (int i = 0; i < 200; i++) {
                    long offset = log.append(utf8("alone-" + i));
                    assertEquals(APPENDERS * 100L + i, offset);
                }
            });
            LogStats after = log.stats();
            assertEquals(grouped.deviceWrites() + 200, after.deviceWrites(), "a lone appender writes each append alone");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void asyncAppendersAcrossRollsShouldAllBecomeDurable() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Map<Long, String> acked = new ConcurrentHashMap<>();
        try (Log log = Log.open(dir, small().durability(Durability.ASYNC).build())) {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        String v = "a" + thread + "-" + i + "-" + "s".repeat(300);
                        acked.put(log.append(utf8(v)), v);
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            assertEquals(1199L, log.whenDurable(1199).get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(log.segments().size() > 3);
            List<String> all = readValues(log, 0);
            for (long o = 0; o < 1200; o++) {
                assertEquals(acked.get(o), all.get((int) o), "offset " + o);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Void tail(Log log, Map<Long, String> acked, AtomicLong checks, int total, CountDownLatch start)
        throws Exception {
        start.await();
        long next = 0;
        try (LogReader reader = log.reader(0)) {
            while (next < total) {
                BatchView batch = reader.poll(Duration.ofSeconds(10));
                assertNotNull(batch, "tailing reader timed out at " + next);
                for (Iterator<RecordView> it = batch.records(); it.hasNext(); ) {
                    RecordView r = it.next();
                    assertEquals(next, r.offset());
                    String v = string(r.value());
                    String expected = acked.get(r.offset());
                    if (expected != null) {
                        assertEquals(expected, v);
                        checks.incrementAndGet();
                    } else {
                        assertTrue(v.startsWith("t"), "durable but not yet acked: " + v);
                    }
                    next++;
                }
                if (ThreadLocalRandom.current().nextInt(50) == 0) {
                    Thread.onSpinWait();
                }
            }
        }
        return null;
    }
}
