package io.ringlog.broker.storage.logcore;

import io.ringlog.broker.storage.BatchTooLargeException;
import io.ringlog.broker.storage.CorruptBatchException;
import io.ringlog.broker.storage.LogSlice;
import io.ringlog.broker.storage.OffsetOutOfRangeException;
import io.ringlog.broker.storage.PartitionLog;
import io.ringlog.broker.storage.PartitionLogException;
import io.ringlog.broker.storage.TimestampOffset;
import io.ringlog.core.FetchRange;
import io.ringlog.core.InvalidBatchException;
import io.ringlog.core.Log;
import io.ringlog.core.LogClosedException;
import io.ringlog.core.RecordTooLargeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A {@link PartitionLog} over one log-core {@link Log}: every append is durable on return (the log's
 * {@code SYNC} durability), reads of sealed segments are file regions sent with sendfile, reads of the
 * active segment are bytes (it is written with O_DIRECT and never read through the page cache).
 *
 * <p>Error mapping: {@link RecordTooLargeException} becomes {@link BatchTooLargeException}
 * (MESSAGE_TOO_LARGE), {@link InvalidBatchException} {@link CorruptBatchException} (CORRUPT_MESSAGE),
 * log-core's offset-out-of-range the broker's {@link OffsetOutOfRangeException}; every I/O failure
 * (disk full, failed log, closed log) a plain {@link PartitionLogException} (KAFKA_STORAGE_ERROR).
 *
 * <p>Thread-safety: thread-safe, as {@link Log} is.
 */
public final class LogCorePartitionLog implements PartitionLog {
    private final TopicPartition partition;
    private final Log log;
    private final Runnable onClose;

    LogCorePartitionLog(TopicPartition partition, Log log, Runnable onClose) {
        this.partition = partition;
        this.log = log;
        this.onClose = onClose;
    }

    /** The underlying log (for tests and tools). */
    public Log log() {
        return log;
    }

    @Override
    public long appendBatch(ByteBuffer batch) throws PartitionLogException {
        try {
            return log.appendBatch(batch);
        } catch (RecordTooLargeException e) {
            throw new BatchTooLargeException(partition + ": " + e.getMessage(), e);
        } catch (InvalidBatchException e) {
            throw new CorruptBatchException(partition + ": " + e.getMessage(), e);
        } catch (IOException | LogClosedException e) {
            throw new PartitionLogException(partition + ": append failed: " + e.getMessage(), e);
        }
    }

    @Override
    public LogSlice read(long fromOffset, int maxBytes) throws PartitionLogException {
        FetchRange range = fetch(fromOffset, Math.max(1, maxBytes));
        if (range.isEmpty()) {
            return LogSlice.empty();
        }
        if (range.inMemory()) {
            return new LogSlice.Bytes(range.bytes());
        }
        return new LogSlice.FileRegion(range.channel(), range.position(), range.length());
    }

    private FetchRange fetch(long fromOffset, int maxBytes) throws PartitionLogException {
        try {
            return log.readBatches(fromOffset, maxBytes);
        } catch (io.ringlog.core.OffsetOutOfRangeException e) {
            throw outOfRange(fromOffset);
        } catch (IOException | LogClosedException e) {
            throw new PartitionLogException(partition + ": read at offset " + fromOffset + " failed: " + e.getMessage(), e);
        }
    }

    private OffsetOutOfRangeException outOfRange(long offset) {
        return new OffsetOutOfRangeException(offset, log.startOffset(), log.endOffset());
    }

    @Override
    public long logStartOffset() {
        return log.startOffset();
    }

    @Override
    public long logEndOffset() {
        return log.endOffset();
    }

    /**
     * log-core's time index answers with an offset (a compressed batch's base offset); the record's
     * own offset and timestamp, as ListOffsets needs them, come from reading that batch.
     */
    @Override
    public Optional<TimestampOffset> offsetForTimestamp(long timestamp) throws PartitionLogException {
        long offset;
        try {
            offset = log.offsetForTimestamp(timestamp);
        } catch (IOException | LogClosedException e) {
            throw new PartitionLogException(partition + ": lookup by timestamp failed: " + e.getMessage(), e);
        }
        if (offset < 0) {
            return Optional.empty();
        }
        ByteBuffer bytes;
        try {
            bytes = fetch(offset, 1).read();
        } catch (IOException e) {
            throw new PartitionLogException(partition + ": reading the batch at " + offset + " failed", e);
        }
        long batchMaxTimestamp = timestamp;
        for (RecordBatch batch : MemoryRecords.readableRecords(bytes).batches()) {
            batchMaxTimestamp = batch.maxTimestamp();
            for (Record r : batch) {
                if (r.offset() >= offset && r.timestamp() >= timestamp) {
                    return Optional.of(new TimestampOffset(r.timestamp(), r.offset()));
                }
            }
        }
        // Not reached for a consistent log (the time index pointed into this batch): answer with
        // log-core's offset and the batch's newest timestamp rather than fail the request.
        return Optional.of(new TimestampOffset(batchMaxTimestamp, offset));
    }

    @Override
    public long deleteRecordsBefore(long offset) throws PartitionLogException {
        try {
            log.deleteRecordsBefore(offset);
            return log.startOffset();
        } catch (io.ringlog.core.OffsetOutOfRangeException e) {
            throw outOfRange(offset);
        } catch (IOException | LogClosedException e) {
            throw new PartitionLogException(partition + ": delete records before " + offset + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void applyRetention() throws PartitionLogException {
        try {
            log.applyRetention();
        } catch (IOException | LogClosedException e) {
            throw new PartitionLogException(partition + ": retention failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws PartitionLogException {
        try {
            log.close();
        } catch (IOException e) {
            throw new PartitionLogException(partition + ": close failed: " + e.getMessage(), e);
        } finally {
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "LogCorePartitionLog[" + partition + ", " + log.dir() + "]";
    }
}
