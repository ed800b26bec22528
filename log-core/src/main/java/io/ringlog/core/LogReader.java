package io.ringlog.core;

import io.ringlog.core.format.BatchView;
import io.ringlog.core.format.RecordView;
import io.ringlog.core.segment.Segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads durable batches in offset order from a start offset, across segments; the first batch is the
 * one containing the start offset (so it may start before it, as in Kafka). {@link #poll(Duration)}
 * tails the log, waiting for new durable data. A reader positioned past a later {@link Log#truncateTo}
 * point must be recreated.
 *
 * <p>Thread-safety: not thread-safe; use one reader per thread (any number of readers may run at once).
 */
public final class LogReader implements AutoCloseable {
    private final LogState state;
    private final BatchLocator locator = new BatchLocator();
    private long nextOffset;
    private Segment segment;
    private long position;
    private Iterator<RecordView> records = Collections.emptyIterator();
    private boolean closed;
    private final long recordsFrom;

    LogReader(LogState state, long fromOffset) {
        state.checkOpen();
        long start = state.startOffset();
        long end = state.endOffset();
        if (fromOffset < start || fromOffset > end) {
            throw new OffsetOutOfRangeException(fromOffset, start, end);
        }
        this.state = state;
        this.nextOffset = fromOffset;
        this.recordsFrom = fromOffset;
    }

    /** The offset the next batch will contain. */
    public long nextOffset() {
        return nextOffset;
    }

    /** The next durable batch, or null when the reader has reached the end of durable data. */
    public BatchView nextBatch() throws IOException {
        checkOpen();
        while (true) {
            if (segment == null && !positionAt(nextOffset)) {
                return null;
            }
            if (segment.isClosed()) {
                segment = null;
                throw new OffsetOutOfRangeException(nextOffset, state.startOffset(), state.endOffset());
            }
            long limit = segment.durableSize();
            if (position > limit) {
                segment = null;
                continue;
            }
            if (position < limit) {
                ByteBuffer b = readBatch(limit);
                BatchView batch = new BatchView(b);
                position += batch.sizeInBytes();
                if (batch.lastOffset() < nextOffset) {
                    continue;
                }
                nextOffset = batch.nextOffset();
                return batch;
            }
            Map.Entry<Long, Segment> higher = state.segments().higherEntry(segment.baseOffset());
            if (higher == null) {
                return null;
            }
            segment = higher.getValue();
            position = 0;
        }
    }

    /**
     * Reads the batch at {@code position}. Retention may close the segment between the check above and
     * the read: that is the documented retired-segment outcome, not an I/O error.
     */
    private ByteBuffer readBatch(long limit) throws IOException {
        try {
            return locator.readBatch(segment, position, limit);
        } catch (IOException e) {
            throw retiredOr(e);
        }
    }

    /** {@code e} itself, unless the segment was closed (retired) under the read: then OffsetOutOfRange. */
    private IOException retiredOr(IOException e) {
        if (!segment.isClosed()) {
            return e;
        }
        segment = null;
        throw new OffsetOutOfRangeException(nextOffset, state.startOffset(), state.endOffset());
    }

    /** Like {@link #nextBatch()}, but waits up to {@code timeout} for a batch to become durable. */
    public BatchView poll(Duration timeout) throws IOException, InterruptedException {
        BatchView batch = nextBatch();
        if (batch != null) {
            return batch;
        }
        if (!state.awaitEndOffsetAbove(nextOffset, timeout.toNanos())) {
            return null;
        }
        return nextBatch();
    }

    /**
     * The next record of uncompressed batches (records before the start offset are skipped), or null at
     * the end of durable data.
     *
     * @throws UnsupportedOperationException on a compressed batch
     */
    public RecordView nextRecord() throws IOException {
        while (true) {
            while (records.hasNext()) {
                RecordView r = records.next();
                if (r.offset() >= recordsFrom) {
                    return r;
                }
            }
            BatchView batch = nextBatch();
            if (batch == null) {
                return null;
            }
            records = batch.records();
        }
    }

    private boolean positionAt(long offset) throws IOException {
        Map.Entry<Long, Segment> e = state.segments().floorEntry(offset);
        if (e == null) {
            if (state.segments().isEmpty() || offset >= state.endOffset()) {
                return false;
            }
            throw new OffsetOutOfRangeException(offset, state.startOffset(), state.endOffset());
        }
        segment = e.getValue();
        try {
            position = locator.locate(segment, offset).position();
        } catch (IOException ex) {
            throw retiredOr(ex);
        }
        return true;
    }

    private void checkOpen() {
        if (closed) {
            throw new LogClosedException("reader");
        }
        state.checkOpen();
    }

    @Override
    public void close() {
        closed = true;
    }
}
