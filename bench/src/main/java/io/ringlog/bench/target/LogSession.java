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
 * One backend's log on the {@code log} target: a fresh directory and a fresh {@link Log} every round,
 * opened with durability SYNC and the backend as write path, closed and deleted after the round.
 *
 * <p>Why fresh per round: every backend then gets the same treatment (segments zero-filled by the
 * log's own preparer with real writes right before the round, nothing cached from an earlier round,
 * the same file positions). The segment size is chosen so that a whole round (warm-up + measured
 * appends) fits in the first segment, and the round starts only when the preparer has the next one
 * ready: no zero-filling and no segment roll competes with the measured appends (a roll costs one
 * directory fsync plus a seal, ~1-2 ms here, once per 64 MiB in a real log). Rounds larger than
 * {@link #MAX_SEGMENT_BYTES} do roll, and the preparer then works during the round, as in production.
 *
 * <p>Thread-safety: {@link #beginRound}/{@link #endRound}/{@link #close} from the bench thread only;
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

    LogSession(Path dir, String writePath, int recordBytes, long opsPerRound) {
        this.dir = dir;
        this.writePath = writePath;
        this.config = LogConfig.builder()
            .durability(Durability.SYNC)
            .writePath(writePath)
            .segmentBytes(segmentBytes(recordBytes, opsPerRound))
            .segmentsPreparedAhead(1)
            .build();
    }

    /** A segment that holds a whole round of single-record batches, rounded up to 1 MiB, within the caps. */
    static long segmentBytes(int recordBytes, long opsPerRound) {
        long batch = RecordBatchEncoder.singleRecordBatchSize(recordBytes);
        long round = batch * opsPerRound + (1L << 20);
        long mib = (round + (1L << 20) - 1) >>> 20 << 20;
        return Math.min(MAX_SEGMENT_BYTES, Math.max(MIN_SEGMENT_BYTES, mib));
    }

    LogConfig config() {
        return config;
    }

    Log log() {
        return log;
    }

    /** Untimed: a fresh directory and log, waiting until the preparer has its segment ahead ready. */
    void beginRound() throws IOException {
        closeLog();
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
        return log == null ? "" : "log writePath " + writePath + " -> " + log.stats().writePath();
    }

    void endRound() throws IOException {
        closeLog();
        deleteDir();
    }

    @Override
    public void close() throws IOException {
        endRound();
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
