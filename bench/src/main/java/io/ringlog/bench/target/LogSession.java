package io.ringlog.bench.target;

import io.ringlog.core.Durability;
import io.ringlog.core.Log;
import io.ringlog.core.LogConfig;
import io.ringlog.core.format.RecordBatchEncoder;
import io.ringlog.io.FileOps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One backend's log on the {@code log} target: a fresh directory and a fresh {@link Log}, opened with
 * durability SYNC and the backend as write path before the backend's first round, appended to by every
 * round, closed and deleted when the bench closes the backend.
 *
 * <p>Why one log for all rounds (and not one per round): it is the raw target's treatment. There one
 * file is zero-filled once, before anything is timed, and every round overwrites it. Here the log's
 * first segment is sized to hold every round's appends (warm-up + measured, all rounds) and the first
 * round starts only when the log's own preparer has zero-filled it (real writes + fdatasync, as every
 * backend's segment) and has the next one ready, so no zero-fill and no segment roll competes with the
 * measured appends (a roll costs a directory fsync and a seal, ~1-2 ms here, once per 64 MiB in a real
 * log). A fresh log per round (the first version) put 30-100 MB of
 * zero-fill + fdatasync right before every measured round, which the raw rows (file zero-filled once,
 * before all rounds) never have; on a virtual disk with a write-back host cache that risks charging
 * the log for the host's write-back. Runs over {@link #MAX_SEGMENT_BYTES} do roll, and the
 * preparer then works during the rounds, as in production.
 *
 * <p>Thread-safety: {@link #beginRound}/{@link #close} from the bench thread only;
 * {@link #log()} may be read by the appending threads between them (published by the thread start).
 */
final class LogSession implements AutoCloseable {
    /** Segment size cap: 1 GiB keeps the untimed zero-fill per round under ~10 s on this virtio disk. */
    static final long MAX_SEGMENT_BYTES = 1L << 30;
    /** Smallest segment: 8 MiB, so tiny test runs still leave room for the log's own headroom. */
    static final long MIN_SEGMENT_BYTES = 8L << 20;
    private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final Path dir;
    private final String writePath;
    private final LogConfig config;
    private Log log;

    LogSession(Path dir, String writePath, int recordBytes, long opsPerRun) {
        this.dir = dir;
        this.writePath = writePath;
        this.config = LogConfig.builder()
            .durability(Durability.SYNC)
            .writePath(writePath)
            .segmentBytes(segmentBytes(recordBytes, opsPerRun))
            .segmentsPreparedAhead(1)
            .build();
    }

    /** A segment that holds every round's single-record batches, rounded up to 1 MiB, within the caps. */
    static long segmentBytes(int recordBytes, long opsPerRun) {
        long batch = RecordBatchEncoder.singleRecordBatchSize(recordBytes);
        long round = batch * opsPerRun + (1L << 20);
        long mib = (round + (1L << 20) - 1) >>> 20 << 20;
        return Math.min(MAX_SEGMENT_BYTES, Math.max(MIN_SEGMENT_BYTES, mib));
    }

    LogConfig config() {
        return config;
    }

    Log log() {
        return log;
    }

    /** Untimed: before the first round, a fresh directory and log, once the preparer has its segment ahead ready. */
    void beginRound() throws IOException {
        if (log != null) {
            return;
        }
        deleteDir();
        log = Log.open(dir, config);
        long deadline = System.nanoTime() + READY_TIMEOUT_NANOS;
        while (log.stats().preparedReady() < config.segmentsPreparedAhead()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the log's preparer did not get a segment ready within 120 s in " + dir);
            }
            sleepMillis(2);
        }
    }

    /** What the log runs on, for the table's note (auto's choice is only known once open). */
    String describe() {
        if (log == null) {
            return "";
        }
        io.ringlog.core.LogStats stats = log.stats();
        // Appends per device write: the group-commit factor (1.0 for one thread), over all rounds and warm-up.
        return String.format(java.util.Locale.ROOT, "log writePath %s -> %s, %.2f appends per device write",
            writePath, stats.writePath(), stats.appendedBatches() / (double) Math.max(1, stats.deviceWrites()));
    }

    @Override
    public void close() throws IOException {
        closeLog();
        deleteDir();
    }

    private void closeLog() throws IOException {
        if (log != null) {
            Log l = log;
            log = null;
            l.close();
        }
    }

    private void deleteDir() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        FileOps.fsyncDirectory(dir.getParent());
    }

    private static void sleepMillis(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the log's preparer", e);
        }
    }
}
