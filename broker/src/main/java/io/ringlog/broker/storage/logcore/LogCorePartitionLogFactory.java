package io.ringlog.broker.storage.logcore;

import io.ringlog.broker.group.GroupStore;
import io.ringlog.broker.group.GroupStoreException;
import io.ringlog.broker.group.store.GroupLogSettings;
import io.ringlog.broker.group.store.LogGroupStore;
import io.ringlog.broker.storage.PartitionLog;
import io.ringlog.broker.storage.PartitionLogConfig;
import io.ringlog.broker.storage.PartitionLogException;
import io.ringlog.broker.storage.PartitionLogFactory;
import io.ringlog.broker.storage.StoreSettings;
import io.ringlog.broker.topic.PartitionDirectories;
import io.ringlog.core.Log;
import io.ringlog.core.LogConfig;
import io.ringlog.core.SegmentPreparerPool;
import io.ringlog.io.Alignment;
import io.ringlog.io.FileOps;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The durable store: partition {@code t-p} is a log-core {@link Log} in {@code <dataDir>/t-p}
 * ({@link PartitionDirectories}). All partitions share one {@link SegmentPreparerPool} (background
 * threads) and one io_uring registered-memory budget ({@link BackendChooser}); each log prepares its
 * next segment only once its active one is half full, and keeps retired segments readable for
 * {@link StoreSettings#retiredSegmentDelay()} so zero-copy sends already handed out stay correct.
 * Retention is not run by the logs themselves: the broker calls {@link PartitionLog#applyRetention()}
 * every {@code log.retention.check.interval.ms}.
 *
 * <p>Thread-safety: thread-safe; the broker never opens or deletes one partition from two threads.
 */
public final class LogCorePartitionLogFactory implements PartitionLogFactory {
    private static final Logger LOG = LoggerFactory.getLogger(LogCorePartitionLogFactory.class);
    /** Suffix of a partition directory being deleted; never parses as a partition directory. */
    static final String DELETING_SUFFIX = ".deleting";
    /** The group log's write path when the store's is {@code auto} (see {@link #openGroupStore()}). */
    static final String GROUP_LOG_AUTO_PATH = "filechannel_force";
    /** log-core's smallest segment. */
    private static final long MIN_SEGMENT_BYTES = 16 * 1024;

    private final Path dataDir;
    private final StoreSettings settings;
    private final SegmentPreparerPool preparers;
    private final BackendChooser backends;
    private volatile boolean closed;

    /** Opens the store in {@code dataDir}, creating it, and removes leftovers of interrupted deletions. */
    public LogCorePartitionLogFactory(Path dataDir, StoreSettings settings) throws PartitionLogException {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.settings = settings;
        try {
            Files.createDirectories(this.dataDir);
            finishInterruptedDeletes();
        } catch (IOException e) {
            throw new PartitionLogException("cannot open the data directory " + this.dataDir + ": " + e, e);
        }
        this.backends = new BackendChooser(this.dataDir, settings);
        this.preparers = new SegmentPreparerPool("ringlog-preparer", settings.preparerThreads());
    }

    /**
     * The durable group log in {@code <dataDir>/__ringlog_groups}, sharing this store's preparer threads
     * (group-log segments are rarely needed). It uses the store's write path when one is named; with
     * {@code auto} it uses {@code filechannel_force} (write + fdatasync, durable on every file system):
     * the broker opens the group log before it listens, and {@code auto}'s first calibration of a device
     * (~0.8 s here) must not sit on that path; offset commits are not latency-critical.
     */
    @Override
    public GroupStore openGroupStore() throws GroupStoreException {
        String path = LogConfig.AUTO.equalsIgnoreCase(settings.writePath()) ? GROUP_LOG_AUTO_PATH : settings.writePath();
        return LogGroupStore.open(dataDir.resolve(LogGroupStore.DIRECTORY_NAME),
            GroupLogSettings.DEFAULTS.withWritePath(path).withPreparerPool(preparers));
    }

    @Override
    public Set<TopicPartition> existingPartitions() throws PartitionLogException {
        Set<TopicPartition> found = new HashSet<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dataDir, Files::isDirectory)) {
            for (Path d : dirs) {
                PartitionDirectories.parse(d.getFileName().toString()).ifPresent(found::add);
            }
        } catch (IOException e) {
            throw new PartitionLogException("cannot list " + dataDir + ": " + e, e);
        }
        return found;
    }

    @Override
    public PartitionLog open(TopicPartition partition, PartitionLogConfig config) throws PartitionLogException {
        if (closed) {
            throw new PartitionLogException("store " + dataDir + " is closed");
        }
        Path dir = directoryOf(partition);
        BackendChooser.Lease lease = backends.lease(tailBufferBytes(config));
        try {
            Log log = Log.open(dir, logConfig(config, lease));
            return new LogCorePartitionLog(partition, log, lease::release);
        } catch (IOException | RuntimeException e) {
            lease.release();
            throw new PartitionLogException(partition + ": cannot open the log in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The log-core settings of one partition: the topic's, with this store's resource model. */
    LogConfig logConfig(PartitionLogConfig config, BackendChooser.Lease lease) {
        int maxBatch = Math.max(64, config.maxBatchBytes());
        long segment = Math.max(MIN_SEGMENT_BYTES, Alignment.alignUp(Math.max(config.segmentBytes(), maxBatch)));
        LogConfig.Builder b = LogConfig.builder()
            .segmentBytes(Math.min(segment, Integer.MAX_VALUE & ~(Alignment.BLOCK - 1)))
            .maxPendingBytes(pendingBytes(config))
            .maxBatchBytes(maxBatch)
            .segmentsPreparedAhead(1)
            .lazyPreparation(true)
            .preparerPool(preparers)
            .retiredSegmentDelay(settings.retiredSegmentDelay())
            .retentionCheckInterval(Duration.ZERO)
            .retentionBytes(config.retentionBytes() < 0 ? -1 : config.retentionBytes())
            .retentionTime(config.retentionMs() < 0 ? null : Duration.ofMillis(config.retentionMs()))
            .backendFactory(lease::create);
        return b.build();
    }

    private int pendingBytes(PartitionLogConfig config) {
        return (int) Math.max(settings.maxPendingBytes(), Alignment.alignUp(Math.max(64, config.maxBatchBytes())));
    }

    /** One tail buffer: log-core sizes it as the largest pending write plus the rewritten partial block. */
    private long tailBufferBytes(PartitionLogConfig config) {
        return Alignment.alignUp(pendingBytes(config)) + Alignment.BLOCK;
    }

    /**
     * Deletes the partition's directory durably: renamed first to {@code <dir>.deleting} (one atomic
     * step that makes the partition disappear: a crash after it never brings the partition back), the
     * data directory fsynced, then the files removed and the data directory fsynced again.
     */
    @Override
    public void delete(TopicPartition partition) throws PartitionLogException {
        Path dir = directoryOf(partition);
        Path doomed = dir.resolveSibling(dir.getFileName() + DELETING_SUFFIX);
        try {
            if (!Files.exists(dir)) {
                return;
            }
            deleteTree(doomed);
            Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
            FileOps.fsyncDirectory(dataDir);
            deleteTree(doomed);
            FileOps.fsyncDirectory(dataDir);
        } catch (IOException e) {
            throw new PartitionLogException(partition + ": cannot delete " + dir + ": " + e, e);
        }
    }

    private Path directoryOf(TopicPartition partition) throws PartitionLogException {
        try {
            return PartitionDirectories.directoryOf(dataDir, partition);
        } catch (InvalidTopicException e) {
            throw new PartitionLogException(partition + ": " + e.getMessage(), e);
        }
    }

    private void finishInterruptedDeletes() throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dataDir, "*" + DELETING_SUFFIX)) {
            for (Path d : dirs) {
                LOG.info("finishing the interrupted deletion of {}", d);
                deleteTree(d);
            }
        }
        FileOps.fsyncDirectory(dataDir);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (Files.isDirectory(f)) {
                    deleteTree(f);
                } else {
                    Files.deleteIfExists(f);
                }
            }
        }
        Files.deleteIfExists(dir);
    }

    /** The data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * The background threads shared by every partition, for other logs of the broker (the consumer-group
     * log) to share too. Closed by {@link #close()}: close those logs first.
     */
    public SegmentPreparerPool preparerPool() {
        return preparers;
    }

    /** Stops the shared preparer threads; the broker has closed every log before. Safe to call twice. */
    @Override
    public void close() {
        closed = true;
        preparers.close();
    }
}
