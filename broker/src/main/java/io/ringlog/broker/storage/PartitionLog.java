package io.ringlog.broker.storage;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The broker's view of one partition's durable log: the small, Kafka-shaped contract a storage engine
 * (log-core's {@code Log} through an adapter, or {@link InMemoryPartitionLog} in tests) implements.
 *
 * <p>Offsets are Kafka offsets: {@link #logStartOffset()} is the first readable offset,
 * {@link #logEndOffset()} the offset the next appended record gets. The broker validates batches
 * (magic, CRC, sizes, producer sequences) before calling {@link #appendBatch}; the log stores them
 * verbatim after writing the base offset into bytes 0-7 (not covered by the CRC).
 *
 * <p>Thread-safety: implementations must be thread-safe. The broker calls {@link #appendBatch},
 * {@link #deleteRecordsBefore} and {@link #close} for one partition from one thread at a time (a
 * per-partition serial executor), while {@link #read} and the offset getters may run concurrently
 * with an append from other threads and must only ever see fully durable batches.
 */
public interface PartitionLog extends AutoCloseable {

    /**
     * Appends one Kafka RecordBatch (magic 2) and returns once it is durable.
     *
     * @param batch exactly one record batch, position..limit; the log may overwrite its base offset
     *              and partition leader epoch fields in place
     * @return the base offset assigned to the batch
     * @throws PartitionLogException if the batch could not be made durable (the log is then unusable
     *                               until reopened) or the log is closed
     */
    long appendBatch(ByteBuffer batch) throws PartitionLogException;

    /**
     * Reads whole batches starting with the batch that contains {@code fromOffset}. The first batch
     * is always returned whole even if larger than {@code maxBytes} (so a consumer always makes
     * progress, Kafka KIP-74); further batches are added while the total stays within maxBytes.
     * Returning fewer batches than would fit is allowed (e.g. stopping at the end of a segment, so
     * the result is one file region); the consumer simply fetches again from the next offset.
     *
     * @return the batches, empty when {@code fromOffset == logEndOffset()}
     * @throws OffsetOutOfRangeException if fromOffset is below the log start or above the log end
     */
    LogSlice read(long fromOffset, int maxBytes) throws PartitionLogException;

    /** The first offset that can be read; moves forward with retention and {@link #deleteRecordsBefore}. */
    long logStartOffset();

    /** The offset the next appended record will get; every offset below it is durable. */
    long logEndOffset();

    /**
     * The first record whose timestamp is {@code >= timestamp}, with that record's timestamp, or empty
     * when every record is older (Kafka ListOffsets semantics; a time index may answer with the
     * first record of the batch that contains it).
     */
    Optional<TimestampOffset> offsetForTimestamp(long timestamp) throws PartitionLogException;

    /**
     * Makes every offset below {@code offset} unreadable (Kafka DeleteRecords); whole segments below
     * it may be deleted later.
     *
     * @return the new log start offset (never lower than before)
     * @throws OffsetOutOfRangeException if offset is above {@link #logEndOffset()}
     */
    long deleteRecordsBefore(long offset) throws PartitionLogException;

    /**
     * Applies the partition's size and time retention now (deletes whole sealed segments that are
     * past it). The broker calls it every {@code log.retention.check.interval.ms}, in append order, on
     * an I/O thread. Stores without retention do nothing.
     */
    default void applyRetention() throws PartitionLogException {
    }

    /**
     * False while the store is still opening this log in the background, when any call would wait for
     * the open (recovery); the broker then keeps such calls off its network threads.
     */
    default boolean isOpen() {
        return true;
    }

    /** Flushes what must be flushed and releases files; safe to call twice. */
    @Override
    void close() throws PartitionLogException;
}
