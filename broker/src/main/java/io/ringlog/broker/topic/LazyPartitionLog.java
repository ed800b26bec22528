package io.ringlog.broker.topic;

import io.ringlog.broker.storage.LogSlice;
import io.ringlog.broker.storage.PartitionLog;
import io.ringlog.broker.storage.PartitionLogException;
import io.ringlog.broker.storage.TimestampOffset;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.KafkaStorageException;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A partition log reopened after a restart, opened on first use or by the background
 * {@link PartitionOpener}, whichever comes first. Every call first makes sure the log is open: a call
 * that finds the open in progress on another thread waits for it, so a produce, fetch or offsets
 * lookup always sees the partition's recovered state, never an empty or half-recovered log. This
 * lets the broker listen before any partition is open (docs/broker.md, "Ready time").
 *
 * <p>A failed open is kept: every later call fails with a {@link PartitionLogException}
 * (KAFKA_STORAGE_ERROR; unchecked {@link KafkaStorageException} from the offset getters) naming the
 * partition and the cause, until the broker restarts, like a Kafka log directory gone offline.
 *
 * <p>Thread-safety: thread-safe; opening and closing are serialised by an internal lock.
 */
final class LazyPartitionLog implements PartitionLog {

    /** Opens the real log (the store's {@code PartitionLogFactory.open}). */
    @FunctionalInterface
    interface Opener {
        PartitionLog open() throws PartitionLogException;
    }

    private final TopicPartition id;
    private final Opener opener;
    private final Object lock = new Object();
    /** Written under {@link #lock}; read without it on the fast path. */
    private volatile PartitionLog log;
    private PartitionLogException failure;
    private volatile boolean closed;

    LazyPartitionLog(TopicPartition id, Opener opener) {
        this.id = id;
        this.opener = opener;
    }

    /** True once the log is open (for the opener, which skips open ones, for inline appends, and for tests). */
    @Override
    public boolean isOpen() {
        return log != null;
    }

    /** True once {@link #close()} was called (the opener skips closed ones: a deleted topic's, or at shutdown). */
    boolean isClosed() {
        return closed;
    }

    /** The open log, opening it on this thread, or waiting for the thread that is opening it. */
    PartitionLog opened() throws PartitionLogException {
        PartitionLog open = log;
        if (open != null) {
            return open;
        }
        synchronized (lock) {
            if (log != null) {
                return log;
            }
            if (closed) {
                throw new PartitionLogException(id + ": the partition log is closed");
            }
            if (failure != null) {
                throw new PartitionLogException(id + ": the partition log could not be opened: " + failure.getMessage(), failure);
            }
            try {
                log = opener.open();
            } catch (PartitionLogException e) {
                failure = e;
                throw e;
            } catch (RuntimeException e) {
                failure = new PartitionLogException(id + ": opening the partition log failed: " + e, e);
                throw failure;
            }
            return log;
        }
    }

    private PartitionLog openedUnchecked() {
        try {
            return opened();
        } catch (PartitionLogException e) {
            throw new KafkaStorageException(e.getMessage(), e);
        }
    }

    @Override
    public long appendBatch(ByteBuffer batch) throws PartitionLogException {
        return opened().appendBatch(batch);
    }

    @Override
    public LogSlice read(long fromOffset, int maxBytes) throws PartitionLogException {
        return opened().read(fromOffset, maxBytes);
    }

    @Override
    public long logStartOffset() {
        return openedUnchecked().logStartOffset();
    }

    @Override
    public long logEndOffset() {
        return openedUnchecked().logEndOffset();
    }

    @Override
    public Optional<TimestampOffset> offsetForTimestamp(long timestamp) throws PartitionLogException {
        return opened().offsetForTimestamp(timestamp);
    }

    @Override
    public long deleteRecordsBefore(long offset) throws PartitionLogException {
        return opened().deleteRecordsBefore(offset);
    }

    @Override
    public void applyRetention() throws PartitionLogException {
        opened().applyRetention();
    }

    /** Closes the log if it was opened (waiting for an open in progress); a log never opened stays untouched on disk. */
    @Override
    public void close() throws PartitionLogException {
        PartitionLog open;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            open = log;
        }
        if (open != null) {
            open.close();
        }
    }
}
