package io.ringlog.reliability;

import io.ringlog.core.FetchRange;
import io.ringlog.core.Log;
import io.ringlog.core.LogConfig;
import io.ringlog.core.LogReader;
import io.ringlog.core.OffsetOutOfRangeException;
import io.ringlog.core.format.BatchView;
import io.ringlog.core.format.RecordView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.ringlog.reliability.LogModel.check;

/**
 * Suite 5, soak: two appenders (mixed sizes, SYNC), a tailing reader, a random-offset fetcher and
 * short-lived readers run against one log with size retention (so segments roll, retire and recycle)
 * for {@code reliability.soakSeconds} (30 s by default, 30 min with {@code -Dreliability.long=true}).
 * Once a second it samples fds, direct memory, log-io's arenas/fds/rings and heap after GC; it fails
 * when any of them grows past a fixed allowance between the first sample after warm-up and the end,
 * with the numbers in the message. Every record read is checked to be well-formed.
 */
class SoakTest {
    private static final long FD_ALLOWANCE = 16;
    private static final long DIRECT_ALLOWANCE = 16L << 20;
    private static final long HEAP_ALLOWANCE = 48L << 20;

    @TempDir
    Path dir;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong readerRestarts = new AtomicLong();
    private volatile boolean stop;

    @Test
    void mixedLoadShouldNotGrowFdsDirectMemoryArenasOrHeap() throws Exception {
        long seconds = Trials.soakSeconds();
        LogConfig config = LogConfig.builder().segmentBytes(1 << 20).retentionBytes(4L << 20)
            .maxPendingBytes(256 << 10).maxBatchBytes(64 << 10).segmentsPreparedAhead(2).build();
        List<ResourceGauge> samples = new ArrayList<>();
        try (Log log = Log.open(dir, config)) {
            List<Thread> threads = List.of(
                worker("appender-0", () -> append(log, 1)), worker("appender-1", () -> append(log, 2)),
                worker("tailer", () -> tail(log)), worker("fetcher", () -> fetch(log)),
                worker("short-readers", () -> shortReaders(log)));
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < deadline && failure.get() == null) {
                Thread.sleep(1000);
                samples.add(ResourceGauge.sample());
            }
            stop = true;
            for (Thread t : threads) {
                t.join();
            }
            System.out.printf("soak: %d s, %d appended, %d records read, %d reader restarts (retention), %s, %s%n",
                seconds, appended.get(), read.get(), readerRestarts.get(), log.stats(), samples.getLast());
        }
        if (failure.get() != null) {
            throw new AssertionError("soak worker failed", failure.get());
        }
        checkNoGrowth(samples);
    }

    private static void checkNoGrowth(List<ResourceGauge> samples) {
        check(samples.size() >= 3, "soak", "too few samples: " + samples.size());
        ResourceGauge base = samples.get(Math.min(samples.size() - 1, Math.max(1, samples.size() / 5)));
        ResourceGauge last = samples.getLast();
        String numbers = "after warm-up " + base + ", at the end " + last;
        check(last.fds() - base.fds() <= FD_ALLOWANCE, "soak", "file descriptors grew: " + numbers);
        check(last.ioFds() - base.ioFds() <= 2 && last.arenas() - base.arenas() <= 1 && last.rings() <= base.rings(),
            "soak", "log-io resources grew: " + numbers);
        check(last.directBytes() - base.directBytes() <= DIRECT_ALLOWANCE, "soak", "direct memory grew: " + numbers);
        check(last.heapAfterGc() - base.heapAfterGc() <= HEAP_ALLOWANCE, "soak", "heap after GC grew: " + numbers);
        System.out.println("soak: no growth; " + numbers);
    }

    private interface Body {
        void run() throws Exception;
    }

    private Thread worker(String name, Body body) {
        return Thread.ofPlatform().name("soak-" + name).start(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        });
    }

    private void append(Log log, long seed) throws IOException {
        Random random = new Random(seed);
        for (long i = 0; !stop; i++) {
            int p = random.nextInt(10);
            int length = p < 6 ? random.nextInt(200) : p < 9 ? 200 + random.nextInt(4000) : 4000 + random.nextInt(40000);
            log.append(Payload.value((seed << 48) + i, length));
            appended.incrementAndGet();
        }
    }

    private void tail(Log log) throws IOException, InterruptedException {
        LogReader reader = log.reader(log.startOffset());
        try {
            while (!stop) {
                try {
                    BatchView b = reader.poll(Duration.ofMillis(50));
                    if (b != null) {
                        checkBatch(b);
                    }
                } catch (OffsetOutOfRangeException retired) {
                    reader.close();
                    readerRestarts.incrementAndGet();
                    reader = log.reader(log.startOffset());
                }
            }
        } finally {
            reader.close();
        }
    }

    private void checkBatch(BatchView b) {
        for (var it = b.records(); it.hasNext(); ) {
            RecordView r = it.next();
            check(Payload.idOf(r.value()) >= 0, "soak", "bad record at offset " + r.offset());
            read.incrementAndGet();
        }
    }

    private void fetch(Log log) throws IOException {
        Random random = new Random(3);
        while (!stop) {
            long start = log.startOffset();
            long end = log.endOffset();
            if (end <= start) {
                continue;
            }
            try {
                FetchRange range = log.readBatches(start + (long) (random.nextDouble() * (end - start)), 64 << 10);
                if (!range.isEmpty()) {
                    check(range.read().remaining() == range.length(), "soak", "short fetch " + range);
                }
            } catch (OffsetOutOfRangeException retired) {
                readerRestarts.incrementAndGet();
            } catch (java.nio.channels.ClosedChannelException retiredAfterFetch) {
                // documented: a FetchRange of a segment retired after readBatches returned cannot be read
                readerRestarts.incrementAndGet();
            }
        }
    }

    private void shortReaders(Log log) throws IOException, InterruptedException {
        while (!stop) {
            try (LogReader r = log.reader(log.startOffset())) {
                for (int i = 0; i < 10 && r.nextRecord() != null; i++) {
                    read.incrementAndGet();
                }
            } catch (OffsetOutOfRangeException retired) {
                readerRestarts.incrementAndGet();
            }
            Thread.sleep(5);
        }
    }
}
