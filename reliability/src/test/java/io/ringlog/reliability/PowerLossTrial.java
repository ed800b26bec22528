package io.ringlog.reliability;

import io.ringlog.core.Log;
import io.ringlog.core.LogConfig;
import io.ringlog.core.format.LogRecord;
import io.ringlog.io.BackendKind;
import io.ringlog.io.FileSystemOps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One seeded power-loss trial: a log with small segments (so rolls, recycling and retention happen)
 * runs a random workload through a {@link PowerLossRecorder}; at a random write or flush the power goes
 * out, the {@link CrashImage} becomes the next directory, and the log is reopened there (the crash
 * may hit the recovery's own writes). After 1-3 such rounds a final open must pass {@link LogModel#verify}
 * and accept appends, and so must the open after a clean close.
 *
 * <p>Thread-safety: not thread-safe; one trial per instance.
 */
final class PowerLossTrial {
    private final long seed;
    private final Random random;
    private final Path root;
    private final LogModel model = new LogModel();
    private final LogConfig.Builder config;
    private final int threads;
    private final boolean retention;
    private final StringBuilder rounds = new StringBuilder();
    private final StringBuffer trace = new StringBuffer();

    private final boolean lyingDevice;

    PowerLossTrial(long seed, Path root) {
        this(seed, root, false);
    }

    /**
     * {@code lyingDevice}: the simulated device treats every writeDurable as a plain write (durable only
     * at a later flush that never comes), as a disk that acknowledges O_DSYNC writes from a volatile
     * cache would. Used only to show that the suite catches lost acknowledged records.
     */
    PowerLossTrial(long seed, Path root, boolean lyingDevice) {
        this.lyingDevice = lyingDevice;
        this.seed = seed;
        this.random = Trials.random(seed);
        this.root = root;
        long segment = (64L << 10) << random.nextInt(3);
        this.retention = random.nextInt(3) == 0;
        this.threads = random.nextInt(5) == 0 ? 3 : 1;
        this.config = LogConfig.builder().segmentBytes(segment)
            .maxPendingBytes(random.nextBoolean() ? 16 << 10 : 32 << 10).maxBatchBytes(8 << 10)
            .indexIntervalBytes(random.nextBoolean() ? 512 : 4096)
            .segmentsPreparedAhead(1 + random.nextInt(2))
            .retentionBytes(retention ? segment * (1 + random.nextInt(3)) : -1)
            .preparerWait(Duration.ofSeconds(20));
    }

    /** A one-line description printed with the seed. */
    String describe() {
        LogConfig c = config.build();
        return "seed " + seed + ": segmentBytes=" + c.segmentBytes() + " maxPendingBytes=" + c.maxPendingBytes()
            + " retentionBytes=" + c.retentionBytes() + " threads=" + threads;
    }

    void run() throws IOException, InterruptedException {
        Path dir = root.resolve("round-0");
        int roundCount = 1 + random.nextInt(3);
        for (int r = 0; r < roundCount; r++) {
            int ops = 20 + random.nextInt(120);
            long crashAt = 1 + random.nextInt(ops + 12);
            PowerLossRecorder recorder = new PowerLossRecorder(dir, new Random(random.nextLong()), crashAt);
            boolean atFileOperation = random.nextInt(3) == 0;
            if (atFileOperation) {
                crashAt = 1 + random.nextInt(30);
                recorder.crashAtFileOperation(crashAt);
            }
            runRound(dir, recorder, ops, r);
            Path next = root.resolve("round-" + (r + 1));
            if (random.nextInt(3) == 0) {
                recorder.image().damageIndexFiles(random);
            }
            recorder.image().materialise(next);
            rounds.append("round ").append(r).append(": ").append(ops).append(" ops, crash at ")
                .append(atFileOperation ? "file-system operation " : "operation ").append(crashAt).append(" of ").append(recorder.operations()).append('\n')
                .append("  workload (aOFFSET append, bBASE+N batch, R retention, D delete-before, T truncate):")
                .append(trace).append('\n').append("  last operations: ")
                .append(recorder.history().replace("\n", "; ")).append('\n')
                .append(recorder.image().describe());
            trace.setLength(0);
            dir = next;
        }
        finalCheck(dir);
    }

    private void runRound(Path dir, PowerLossRecorder recorder, int ops, int round)
        throws IOException, InterruptedException {
        Log log = null;
        try {
            InterceptingBackend.Interceptor device = lyingDevice ? lying(recorder) : recorder;
            log = Log.open(dir, config.backendFactory(d -> InterceptingBackend.of(
                BackendKind.FILECHANNEL_FORCE, device, false)).fileSystemOps(recorder).build());
            if (round > 0) {
                model.verify(log, context("reopen before round " + round, recorder));
            }
            if (threads == 1) {
                mixedWorkload(log, recorder, ops);
            } else {
                appendConcurrently(log, recorder, ops);
            }
        } catch (IOException | RuntimeException e) {
            if (!recorder.crashed()) {
                throw new AssertionError(context("round " + round, recorder) + ": failed without a crash", e);
            }
        } finally {
            recorder.crashNow();
            closeQuietly(log);
        }
    }

    private static InterceptingBackend.Interceptor lying(PowerLossRecorder recorder) {
        return new InterceptingBackend.Interceptor() {
            @Override
            public void opened(io.ringlog.io.DurableFile file) throws IOException {
                recorder.opened(file);
            }

            @Override
            public void beforeWrite(io.ringlog.io.DurableFile file, java.lang.foreign.MemorySegment src, long offset,
                                    boolean durable) throws IOException {
                recorder.beforeWrite(file, src, offset, false);
            }

            @Override
            public void afterWrite(io.ringlog.io.DurableFile file, java.lang.foreign.MemorySegment src, long offset,
                                   boolean durable) throws IOException {
                recorder.afterWrite(file, src, offset, false);
            }
        };
    }

    private void mixedWorkload(Log log, PowerLossRecorder recorder, int ops) throws IOException {
        for (int i = 0; i < ops && !recorder.crashed(); i++) {
            int p = random.nextInt(100);
            if (p < 70) {
                appendOne(log, random);
            } else if (p < 85) {
                appendBatch(log);
            } else if (p < 90) {
                log.applyRetention();
                trace.append(" R");
            } else if (p < 95) {
                deleteSome(log);
            } else {
                truncateSome(log);
            }
        }
    }

    private void appendOne(Log log, Random r) throws IOException {
        long id = model.nextId();
        int length = bodyLength(r);
        model.written(id, length);
        long offset = log.append(Payload.value(id, length));
        trace.append(" a").append(offset);
        model.acknowledged(offset, id);
    }

    private void appendBatch(Log log) throws IOException {
        int n = 2 + random.nextInt(4);
        List<LogRecord> records = new ArrayList<>();
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = model.nextId();
            int length = random.nextInt(1200);
            model.written(ids[i], length);
            records.add(LogRecord.ofValue(Payload.value(ids[i], length), System.currentTimeMillis()));
        }
        long base = log.append(records);
        trace.append(" b").append(base).append('+').append(n);
        for (int i = 0; i < n; i++) {
            model.acknowledged(base + i, ids[i]);
        }
    }

    /** Mixed sizes: tiny (tail-block rewrites), medium, and multi-block records. */
    private static int bodyLength(Random r) {
        int p = r.nextInt(10);
        return p < 5 ? r.nextInt(100) : p < 8 ? 100 + r.nextInt(1900) : 2000 + r.nextInt(6000);
    }

    private void deleteSome(Log log) throws IOException {
        long start = log.startOffset();
        long end = log.endOffset();
        long target = start + (end - start) / 4;
        log.deleteRecordsBefore(target);
        trace.append(" D").append(target);
        model.startAtLeast(target);
    }

    private void truncateSome(Log log) throws IOException {
        long start = log.startOffset();
        long end = log.endOffset();
        long target = start + (end - start) * 3 / 4;
        if (target >= end) {
            return;
        }
        long base; // truncateTo removes the whole batch containing the target
        try (io.ringlog.core.LogReader r = log.reader(target)) {
            base = r.nextBatch().baseOffset();
        }
        if (base < start) {
            return; // would move the start offset back below a deleteRecordsBefore
        }
        var removed = model.truncating(base);
        trace.append(" T").append(target);
        log.truncateTo(target);
        trace.append(" ->").append(log.endOffset());
        LogModel.check(log.endOffset() == base, describe(), "truncateTo(" + target + ") left end offset "
            + log.endOffset() + ", expected the batch base " + base);
        model.truncated(removed);
    }

    private void appendConcurrently(Log log, PowerLossRecorder recorder, int ops) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random r = new Random(random.nextLong());
            workers.add(Thread.ofPlatform().name("appender-" + t).start(() -> {
                try {
                    for (int i = 0; i < ops / threads && !recorder.crashed(); i++) {
                        appendOne(log, r);
                    }
                } catch (IOException | RuntimeException e) {
                    if (!recorder.crashed()) {
                        failure.compareAndSet(null, e);
                    }
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("seed " + seed + ": append failed without a crash", failure.get());
        }
    }

    private void finalCheck(Path dir) throws IOException {
        LogConfig plain = config.backendFactory(d -> InterceptingBackend.of(BackendKind.FILECHANNEL_FORCE,
            new InterceptingBackend.Interceptor() { }, false)).fileSystemOps(FileSystemOps.real()).build();
        try (Log log = Log.open(dir, plain)) {
            model.verify(log, context("final recovery", null));
            long end = log.endOffset();
            long id = model.nextId();
            model.written(id, 10);
            long offset = log.append(Payload.value(id, 10));
            LogModel.check(offset == end, context("final append", null), "append after recovery got offset "
                + offset + ", expected the recovered end " + end);
            model.acknowledged(offset, id);
            model.verify(log, context("after the final append", null));
        }
        try (Log log = Log.open(dir, plain)) {
            model.verify(log, context("reopen after a clean close", null));
        }
    }

    private String context(String where, PowerLossRecorder recorder) {
        return describe() + ", " + where + "\n" + rounds
            + (recorder == null ? "" : "last operations:\n" + recorder.history() + "\n");
    }

    private static void closeQuietly(Log log) {
        if (log != null) {
            try {
                log.close();
            } catch (IOException | RuntimeException ignored) {
                // the log failed at the simulated power loss; its directory is discarded
            }
        }
    }
}
