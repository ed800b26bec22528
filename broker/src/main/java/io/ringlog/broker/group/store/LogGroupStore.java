package io.ringlog.broker.group.store;

import io.ringlog.broker.group.CommittedOffset;
import io.ringlog.broker.group.GroupSnapshot;
import io.ringlog.broker.group.GroupStore;
import io.ringlog.broker.group.GroupStoreException;
import io.ringlog.broker.group.GroupStoreState;
import io.ringlog.core.Log;
import io.ringlog.core.SegmentPreparerPool;
import io.ringlog.core.format.LogRecord;
import io.ringlog.core.format.RecordBatchEncoder;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The durable {@link GroupStore}: a log-core {@link Log} of our own records ({@link GroupLogFormat}) in
 * one directory, by convention {@code <dataDir>/}{@value #DIRECTORY_NAME}. Every write is one log-core
 * batch appended with {@code SYNC} durability, so it is durable on return and atomic (a commit of many
 * offsets, a group deletion: recovery sees all of it or none); concurrent writers share device writes
 * through log-core's group commit.
 *
 * <p>Open replays the log from its start offset into the live state (kept in memory, also to know how
 * big a snapshot would be). When the records since the log start take more than
 * {@link GroupLogSettings#minCompactionBytes()} and more than {@link GroupLogSettings#COMPACTION_RATIO}
 * times the live state, the store compacts ({@link GroupLogCompactor}): at open, and during operation in
 * the thread whose write crossed the threshold, while the other writers wait. A failed compaction is
 * logged and retried later; it never fails the write that triggered it and never changes the state.
 *
 * <p>Thread-safety: thread-safe. Writes for one group are applied in the order they return (a per-group
 * lock covers the append and the in-memory update); writes for different groups run concurrently.
 */
public final class LogGroupStore implements GroupStore {
    /** Name of the group log's directory inside the broker's data directory. */
    public static final String DIRECTORY_NAME = "__ringlog_groups";

    private static final Logger LOG = LoggerFactory.getLogger(LogGroupStore.class);
    private static final int STRIPES = 64;

    private final Log log;
    private final GroupLogSettings settings;
    private final SegmentPreparerPool ownPool;
    /** Read lock: one write in progress. Write lock: compaction and close, with no write in progress. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    /** The state; its monitor also guards logBytes, compactionRetryAt and compactions. */
    private final LiveGroupState live;
    private long logBytes;
    private long compactionRetryAt;
    private int compactions;
    private volatile boolean closed;

    private LogGroupStore(Log log, GroupLogSettings settings, SegmentPreparerPool ownPool, GroupLogReplay.Result replayed) {
        this.log = log;
        this.settings = settings;
        this.ownPool = ownPool;
        this.live = replayed.state();
        this.logBytes = replayed.logBytes();
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Opens (creating or recovering) the group log in {@code dir} with {@link GroupLogSettings#DEFAULTS}. */
    public static LogGroupStore open(Path dir) throws GroupStoreException {
        return open(dir, GroupLogSettings.DEFAULTS);
    }

    /**
     * Opens (creating or recovering) the group log in {@code dir}, replays it and compacts it when it is
     * due.
     *
     * @throws GroupStoreException when the log cannot be opened, is corrupt in a sealed segment, or holds a
     *                             record that does not decode (the message names the offset)
     */
    public static LogGroupStore open(Path dir, GroupLogSettings settings) throws GroupStoreException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(settings, "settings");
        SegmentPreparerPool ownPool = settings.preparerPool() == null ? new SegmentPreparerPool("ringlog-group-preparer", 1) : null;
        Log log;
        try {
            log = Log.open(dir, settings.logConfig(ownPool != null ? ownPool : settings.preparerPool()));
        } catch (IOException | RuntimeException e) {
            closePool(ownPool);
            throw new GroupStoreException("cannot open the group log in " + dir + ": " + e.getMessage(), e);
        }
        try {
            if (log.corruption() != null) {
                throw new GroupStoreException("group log " + dir + " is corrupt in a sealed segment (" + log.corruption()
                    + "); refusing to open with part of the group state missing (`ringlog verify " + dir + "`)");
            }
            LogGroupStore store = new LogGroupStore(log, settings, ownPool, GroupLogReplay.replay(log));
            LOG.info("group log {}: replayed offsets {}..{} ({} bytes) into {} live records", dir, log.startOffset(),
                log.endOffset(), store.logBytes, store.live.liveRecordCount());
            store.compactIfDue();
            return store;
        } catch (GroupStoreException | RuntimeException e) {
            closeQuietly(log, e);
            closePool(ownPool);
            throw e;
        }
    }

    @Override
    public GroupStoreState load() throws GroupStoreException {
        checkOpen();
        synchronized (live) {
            return live.toState();
        }
    }

    @Override
    public void commitOffsets(String groupId, List<CommittedOffset> offsets) throws GroupStoreException {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(offsets, "offsets");
        List<GroupRecord> records = new ArrayList<>(offsets.size());
        for (CommittedOffset c : offsets) {
            records.add(new GroupRecord.OffsetCommit(groupId, Objects.requireNonNull(c, "offset")));
        }
        write(groupId, "commit of " + offsets.size() + " offsets", state -> records);
    }

    @Override
    public void deleteOffsets(String groupId, Collection<TopicPartition> partitions) throws GroupStoreException {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(partitions, "partitions");
        List<TopicPartition> distinct = List.copyOf(new LinkedHashSet<>(partitions));
        write(groupId, "delete of " + distinct.size() + " offsets", state -> {
            List<GroupRecord> records = new ArrayList<>();
            for (TopicPartition tp : distinct) {
                if (state.hasOffset(groupId, tp)) {
                    records.add(new GroupRecord.OffsetDeleted(groupId, tp.topic(), tp.partition()));
                }
            }
            return records;
        });
    }

    @Override
    public void storeGroup(GroupSnapshot group) throws GroupStoreException {
        Objects.requireNonNull(group, "group");
        write(group.groupId(), "store of generation " + group.generationId(), state -> List.of(new GroupRecord.GroupStored(group)));
    }

    @Override
    public void deleteGroup(String groupId) throws GroupStoreException {
        Objects.requireNonNull(groupId, "groupId");
        write(groupId, "delete", state -> state.hasGroup(groupId) ? List.of(new GroupRecord.GroupDeleted(groupId)) : List.of());
    }

    /** The records of one write, chosen against the current state (under the group's lock). */
    private interface RecordSource {
        List<GroupRecord> records(LiveGroupState state);
    }

    private void write(String groupId, String what, RecordSource source) throws GroupStoreException {
        boolean compact;
        lifecycle.readLock().lock();
        try {
            checkOpen();
            ReentrantLock stripe = stripes[Math.floorMod(groupId.hashCode(), STRIPES)];
            stripe.lock();
            try {
                List<GroupRecord> records;
                synchronized (live) {
                    records = source.records(live);
                }
                if (records.isEmpty()) {
                    return;
                }
                compact = append(groupId, what, records);
            } finally {
                stripe.unlock();
            }
        } finally {
            lifecycle.readLock().unlock();
        }
        if (compact) {
            compactIfDue();
        }
    }

    /** Appends the records as one batch, then applies them; true when compaction is due. */
    private boolean append(String groupId, String what, List<GroupRecord> records) throws GroupStoreException {
        List<EncodedRecord> encoded = new ArrayList<>(records.size());
        for (GroupRecord r : records) {
            encoded.add(GroupRecordCodec.encode(r));
        }
        List<LogRecord> batch = GroupLogCompactor.toLogRecords(encoded, System.currentTimeMillis());
        int size = RecordBatchEncoder.batchSize(batch);
        if (size > settings.maxBatchBytes()) {
            throw new GroupStoreException("group log " + log.dir() + ": " + what + " for group '" + groupId + "' is " + size
                + " bytes encoded, over the largest write of " + settings.maxBatchBytes() + " bytes (GroupLogSettings.maxBatchBytes)");
        }
        try {
            log.append(batch);
        } catch (IOException | RuntimeException e) {
            throw new GroupStoreException("group log " + log.dir() + ": " + what + " for group '" + groupId + "' failed: "
                + e.getMessage(), e);
        }
        synchronized (live) {
            for (int i = 0; i < records.size(); i++) {
                live.apply(records.get(i), encoded.get(i).sizeEstimate());
            }
            logBytes += size;
            return compactionDue();
        }
    }

    /** Guarded by live. */
    private boolean compactionDue() {
        return logBytes > settings.minCompactionBytes()
            && logBytes > GroupLogSettings.COMPACTION_RATIO * live.liveBytes()
            && logBytes >= compactionRetryAt;
    }

    /** Compacts when due, with every write excluded. Failures are logged, never thrown. */
    private void compactIfDue() {
        lifecycle.writeLock().lock();
        try {
            synchronized (live) {
                if (closed || !compactionDue()) {
                    return;
                }
                long before = logBytes;
                long startBefore = log.startOffset();
                try {
                    logBytes = GroupLogCompactor.compact(log, live, settings.maxBatchBytes());
                    compactions++;
                    LOG.info("group log {}: compacted {} bytes (from offset {}) to a snapshot of {} records, {} bytes, at offset {}",
                        log.dir(), before, startBefore, live.liveRecordCount(), logBytes, log.startOffset());
                } catch (IOException | RuntimeException e) {
                    compactionRetryAt = logBytes + Math.max(settings.minCompactionBytes(), settings.segmentBytes());
                    LOG.warn("group log {}: compaction failed, state unchanged, retrying after {} more bytes: {}",
                        log.dir(), compactionRetryAt - logBytes, e.toString());
                }
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void checkOpen() throws GroupStoreException {
        if (closed) {
            throw new GroupStoreException("group store " + log.dir() + " is closed");
        }
    }

    /** Closes the log (everything written is already durable) and the store's own preparer thread. Idempotent. */
    @Override
    public void close() throws GroupStoreException {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                log.close();
            } catch (IOException e) {
                throw new GroupStoreException("group log " + log.dir() + ": close failed: " + e.getMessage(), e);
            } finally {
                closePool(ownPool);
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** The directory of the log. */
    public Path dir() {
        return log.dir();
    }

    /** The underlying log (tests). */
    Log log() {
        return log;
    }

    /** Bytes of the records since the log start, as replay counts them (tests). */
    long logBytes() {
        synchronized (live) {
            return logBytes;
        }
    }

    /** Compactions run since open, including the one at open (tests). */
    int compactions() {
        synchronized (live) {
            return compactions;
        }
    }

    private static void closeQuietly(Log log, Exception primary) {
        try {
            log.close();
        } catch (IOException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    private static void closePool(SegmentPreparerPool pool) {
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public String toString() {
        return "LogGroupStore[" + log.dir() + "]";
    }
}
