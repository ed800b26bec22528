package io.ringlog.broker.group.store;

import io.ringlog.core.Durability;
import io.ringlog.core.LogConfig;
import io.ringlog.core.SegmentPreparerPool;
import io.ringlog.io.BackendKind;
import io.ringlog.io.IoBackend;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.IoBackends;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the consumer-group log ({@link LogGroupStore}).
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>writePath</td><td>auto</td><td>log-core write path; {@code auto} reuses the process's choice for the device</td></tr>
 *   <tr><td>segmentBytes</td><td>4 MiB</td><td>size of each segment file (log-core minimum 16 KiB)</td></tr>
 *   <tr><td>maxBatchBytes</td><td>2 MiB</td><td>largest single write: one commitOffsets call or one group snapshot, encoded
 *       (about 25,000 offsets with short names); larger writes fail with a GroupStoreException</td></tr>
 *   <tr><td>minCompactionBytes</td><td>16 MiB</td><td>compaction runs once the records since the log start take more than
 *       this and more than {@link #COMPACTION_RATIO} times the live state</td></tr>
 *   <tr><td>preparerPool</td><td>null</td><td>shared background threads (e.g. the partition store's); null = a pool of one
 *       thread owned by the store</td></tr>
 * </table>
 *
 * <p>The log is always {@link Durability#SYNC} (every write durable on return), prepares segments lazily,
 * keeps one prepared segment, runs no retention of its own (compaction calls {@code deleteRecordsBefore})
 * and registers no io_uring memory (the partitions' pinned-memory budget stays theirs; unregistered
 * writes cost ~10% more CPU, same latency).
 *
 * <p>Thread-safety: immutable.
 *
 * @param writePath          log-core write path name or {@code auto}
 * @param segmentBytes       segment file size, a multiple of 4096, at least 16 KiB
 * @param maxBatchBytes      largest encoded write, at most segmentBytes
 * @param minCompactionBytes log bytes below which the store never compacts
 * @param preparerPool       shared preparer threads, or null for a private one-thread pool
 */
public record GroupLogSettings(String writePath, long segmentBytes, int maxBatchBytes, long minCompactionBytes,
                               SegmentPreparerPool preparerPool) {

    /** Compaction runs when the log holds more than this many times the bytes of the live state. */
    public static final int COMPACTION_RATIO = 2;

    /** auto, 4 MiB segments, 2 MiB batches, compaction from 16 MiB, own preparer thread. */
    public static final GroupLogSettings DEFAULTS = new GroupLogSettings(LogConfig.AUTO, 4L << 20, 2 << 20, 16L << 20, null);

    public GroupLogSettings {
        if (writePath == null || segmentBytes < 16 * 1024 || segmentBytes % 4096 != 0 || segmentBytes > Integer.MAX_VALUE
            || maxBatchBytes < 8192 || maxBatchBytes > segmentBytes || minCompactionBytes < 0) {
            throw new IllegalArgumentException("bad group log settings: writePath " + writePath + ", segmentBytes "
                + segmentBytes + " (multiple of 4096, >= 16 KiB), maxBatchBytes " + maxBatchBytes
                + " (8 KiB .. segmentBytes), minCompactionBytes " + minCompactionBytes);
        }
    }

    public GroupLogSettings withWritePath(String value) {
        return new GroupLogSettings(value, segmentBytes, maxBatchBytes, minCompactionBytes, preparerPool);
    }

    public GroupLogSettings withPreparerPool(SegmentPreparerPool value) {
        return new GroupLogSettings(writePath, segmentBytes, maxBatchBytes,
            minCompactionBytes, value);
    }

    /** Smaller files and thresholds, e.g. for tests that want rolls and compactions after a few hundred writes. */
    public GroupLogSettings withSizes(long segment, int maxBatch, long minCompaction) {
        return new GroupLogSettings(writePath, segment, maxBatch, minCompaction, preparerPool);
    }

    /** The log-core settings of the group log, with the given preparer pool. */
    LogConfig logConfig(SegmentPreparerPool pool) {
        return LogConfig.builder()
            .segmentBytes(segmentBytes)
            .durability(Durability.SYNC)
            .maxPendingBytes(Math.max(maxBatchBytes, 8192))
            .maxBatchBytes(maxBatchBytes)
            .segmentsPreparedAhead(1)
            .lazyPreparation(true)
            .preparerPool(pool)
            .retentionCheckInterval(Duration.ZERO)
            .backendFactory(this::createBackend)
            .build();
    }

    /** The backend, without registered (pinned) io_uring memory. */
    private IoBackend createBackend(Path dir) throws java.io.IOException {
        IoBackendConfig config = IoBackendConfig.DEFAULT.withRegisteredBytes(0);
        if (LogConfig.AUTO.equalsIgnoreCase(writePath)) {
            return IoBackends.auto(dir, config).backend();
        }
        return IoBackends.create(BackendKind.fromExternalName(writePath), config);
    }
}
