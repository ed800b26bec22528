package io.ringlog.core;

import io.ringlog.core.format.BatchStatus;
import io.ringlog.core.format.BatchValidator;
import io.ringlog.core.format.LogRecord;
import io.ringlog.core.format.RecordBatchDescriptor;
import io.ringlog.core.format.RecordBatchEncoder;
import io.ringlog.core.segment.Segment;
import io.ringlog.io.IoBackend;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A segmented, durable, append-only log of Kafka RecordBatch v2 batches in one directory: the embedded
 * WAL. With the default {@link Durability#SYNC} every append returns only when its bytes are durable;
 * concurrent appenders share device writes (group commit, see {@link GroupCommitWriter}).
 *
 * <pre>{@code
 * try (Log log = Log.open(Path.of("/var/lib/app/wal"), LogConfig.defaults())) {
 *     long offset = log.append(ByteBuffer.wrap("hello".getBytes()));   // durable on return
 *     try (LogReader reader = log.reader(offset)) {
 *         for (BatchView batch; (batch = reader.nextBatch()) != null; ) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safety: thread-safe. Any number of threads may append, read and call the maintenance
 * methods concurrently; {@link #close()} may be called from any thread, and once.
 */
public final class Log implements AutoCloseable {
    private static final ThreadLocal<BatchValidator> VALIDATOR = ThreadLocal.withInitial(BatchValidator::new);

    private final LogState state;
    private final GroupCommitWriter writer;

    private Log(LogState state) {
        this.state = state;
        this.writer = state.writer();
    }

    /**
     * Opens the log in {@code dir}, creating the directory and an empty log when needed, otherwise
     * recovering it (see docs/durability.md). Fails if another {@link Log} has the directory open.
     */
    public static Log open(Path dir, LogConfig config) throws IOException {
        return new Log(LogState.open(dir, config));
    }

    // ------------------------------------------------------------------ appends

    /** Appends one record (null key, no headers, timestamp now) and returns its offset. */
    public long append(ByteBuffer value) throws IOException {
        int length = value == null ? -1 : value.remaining();
        int size = checkSize(RecordBatchEncoder.singleRecordBatchSize(length));
        long timestamp = System.currentTimeMillis();
        writer.lock.lock();
        try {
            beginAppend(size);
            TailBuffer t = writer.current();
            long base = writer.nextOffset();
            writer.encoder.encodeSingle(t.view(), t.length(), base, timestamp, value);
            writer.appended(base, base, timestamp, size);
            return finishAppend(base);
        } finally {
            writer.unlockIfHeld();
        }
    }

    /** Appends one record whose value is {@code value} (whole segment, any memory) and returns its offset. */
    public long append(MemorySegment value) throws IOException {
        if (value.byteSize() > Integer.MAX_VALUE) {
            throw new RecordTooLargeException(value.byteSize(), state.config().maxBatchBytes());
        }
        int length = (int) value.byteSize();
        int size = checkSize(RecordBatchEncoder.singleRecordBatchSize(length));
        long timestamp = System.currentTimeMillis();
        writer.lock.lock();
        try {
            beginAppend(size);
            TailBuffer t = writer.current();
            long base = writer.nextOffset();
            int at = t.length();
            int valuePos = writer.encoder.beginSingle(t.view(), at, base, timestamp, length);
            MemorySegment.copy(value, 0, t.memory(), valuePos, length);
            writer.encoder.finishSingle(t.view(), at, valuePos, length);
            writer.appended(base, base, timestamp, size);
            return finishAppend(base);
        } finally {
            writer.unlockIfHeld();
        }
    }

    /** Appends {@code records} as one batch (offsets consecutive) and returns the first offset. */
    public long append(List<LogRecord> records) throws IOException {
        int size = checkSize(RecordBatchEncoder.batchSize(records));
        long maxTimestamp = Long.MIN_VALUE;
        for (LogRecord r : records) {
            maxTimestamp = Math.max(maxTimestamp, r.timestamp());
        }
        writer.lock.lock();
        try {
            beginAppend(size);
            TailBuffer t = writer.current();
            long base = writer.nextOffset();
            writer.encoder.encode(t.view(), t.length(), base, records);
            writer.appended(base, base + records.size() - 1, maxTimestamp, size);
            return finishAppend(base);
        } finally {
            writer.unlockIfHeld();
        }
    }

    /**
     * Appends ready RecordBatch v2 batches (e.g. a Kafka producer's, compressed or not), stored
     * verbatim except for the base offset, which the log assigns (the CRC does not cover it). The
     * buffer (position to limit) must hold one or more whole batches, together at most maxBatchBytes.
     * The caller's buffer is not modified.
     *
     * @return the base offset assigned to the first batch
     * @throws InvalidBatchException when a batch has a bad length, magic or CRC
     */
    public long appendBatch(ByteBuffer batches) throws IOException {
        int start = batches.position();
        int total = batches.remaining();
        checkSize(total);
        int count = validate(batches, start, batches.limit());
        writer.lock.lock();
        try {
            beginAppend(total);
            TailBuffer t = writer.current();
            ByteBuffer dst = t.view();
            int at = t.length();
            dst.put(at, batches, start, total);
            long first = writer.nextOffset();
            for (int i = 0; i < count; i++) {
                int batchAt = t.length();
                long base = writer.nextOffset();
                RecordBatchDescriptor.setBaseOffset(dst, batchAt, base);
                writer.appended(base, base + RecordBatchDescriptor.lastOffsetDelta(dst, batchAt),
                    RecordBatchDescriptor.maxTimestamp(dst, batchAt), RecordBatchDescriptor.sizeInBytes(dst, batchAt));
            }
            return finishAppend(first);
        } finally {
            writer.unlockIfHeld();
        }
    }

    private int validate(ByteBuffer b, int start, int limit) {
        BatchValidator validator = VALIDATOR.get();
        int count = 0;
        for (int p = start; p < limit; count++) {
            BatchStatus status = validator.check(b, p, limit, state.config().maxBatchBytes());
            if (status != BatchStatus.OK) {
                throw new InvalidBatchException(status, p - start, status.description());
            }
            p += RecordBatchDescriptor.sizeInBytes(b, p);
        }
        if (count == 0) {
            throw new InvalidBatchException(BatchStatus.TRUNCATED_HEADER, 0, "no batch in an empty buffer");
        }
        return count;
    }

    private int checkSize(int size) {
        if (size > state.config().maxBatchBytes()) {
            throw new RecordTooLargeException(size, state.config().maxBatchBytes());
        }
        return size;
    }

    private void beginAppend(int size) throws IOException {
        state.checkAppendable();
        writer.reserve(size);
    }

    /** Lock held on entry; a SYNC/NONE append releases it while it waits (see GroupCommitWriter#awaitDurable). */
    private long finishAppend(long base) throws IOException {
        if (state.config().durability() == Durability.ASYNC) {
            writer.signalPending();
        } else {
            writer.awaitDurable(writer.appendedSeq(), writer.epoch());
        }
        return base;
    }

    /** Makes every append so far durable (needed only for ASYNC and NONE; NONE also fdatasyncs). */
    public void flush() throws IOException {
        state.checkAppendable();
        writer.lock.lock();
        try {
            writer.drain();
            if (state.config().durability() == Durability.NONE) {
                try {
                    writer.active().file().flush();
                } catch (IOException e) {
                    state.fail(e); // a failed fdatasync must not be retried by the next flush and reported as success
                    throw e;
                }
            }
        } finally {
            writer.lock.unlock();
        }
    }

    // ------------------------------------------------------------------ reads

    /** The first readable offset. */
    public long startOffset() {
        return state.startOffset();
    }

    /** The offset the next append will get once everything appended is durable: readers see offsets below it. */
    public long endOffset() {
        return state.endOffset();
    }

    /** Same as {@link #endOffset()}: only durable batches are visible (ASYNC appends become visible when durable). */
    public long durableEndOffset() {
        return state.endOffset();
    }

    /**
     * Waits until {@code offset} is durable (readable), up to {@code timeout}. Returns false on timeout.
     * With ASYNC durability this is the completion of an append.
     */
    public boolean awaitDurable(long offset, Duration timeout) throws InterruptedException {
        return state.awaitEndOffsetAbove(offset, timeout.toNanos());
    }

    /**
     * A future that completes with {@code offset} when it is durable (and readable): the completion of
     * an {@link Durability#ASYNC} append. Fails with {@link LogFailedException} if the log fails first,
     * or {@link LogClosedException} if it is closed first.
     */
    public java.util.concurrent.CompletableFuture<Long> whenDurable(long offset) {
        return state.whenDurable(offset);
    }

    /** A reader of batches from {@code fromOffset} (the batch containing it). Close it when done. */
    public LogReader reader(long fromOffset) {
        return new LogReader(state, fromOffset);
    }

    /**
     * Whole batches starting with the one containing {@code fromOffset}, from one segment, totalling at
     * most {@code maxBytes} (at least one batch even if larger), as a range of a file a broker can send
     * with {@code FileChannel.transferTo} without copying. Empty when {@code fromOffset == endOffset()}.
     */
    public FetchRange readBatches(long fromOffset, int maxBytes) throws IOException {
        return new LogReads(state).fetch(fromOffset, maxBytes);
    }

    /** The first offset whose record timestamp is >= {@code timestamp} (batch base offset for compressed batches), or -1. */
    public long offsetForTimestamp(long timestamp) throws IOException {
        return new LogReads(state).offsetForTimestamp(timestamp);
    }

    // ------------------------------------------------------------------ maintenance

    /**
     * Removes every batch at or after the one containing {@code offset} (so {@link #endOffset()} becomes
     * the base offset of that batch, which is at most {@code offset}). Durable when it returns.
     */
    public void truncateTo(long offset) throws IOException {
        state.truncateTo(offset);
    }

    /** Makes {@code offset} the first readable offset; whole segments below it are retired. Durable on return. */
    public void deleteRecordsBefore(long offset) throws IOException {
        state.deleteRecordsBefore(offset);
    }

    /** Applies size and time retention now (the preparer thread also does it twice a second). */
    public void applyRetention() throws IOException {
        state.applyRetention();
    }

    /** Non-null when the log opened read-only because a sealed segment is corrupt. */
    public CorruptionReport corruption() {
        return state.corruption();
    }

    /** Counters for monitoring. */
    public LogStats stats() {
        return state.stats();
    }

    /** The directory. */
    public Path dir() {
        return state.dir();
    }

    /** The write backend in use. */
    public IoBackend backend() {
        return state.backend();
    }

    /** Segments, oldest first (a snapshot; for tools and tests). */
    public List<Segment> segments() {
        return List.copyOf(state.segments().values());
    }

    /**
     * Makes everything durable, writes the index files and the clean-shutdown marker (so the next open
     * skips the scan), and releases every resource. Safe to call twice.
     */
    @Override
    public void close() throws IOException {
        state.close();
    }
}
