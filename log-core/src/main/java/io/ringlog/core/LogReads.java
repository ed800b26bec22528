package io.ringlog.core;

import io.ringlog.core.format.BatchView;
import io.ringlog.core.format.RecordBatchDescriptor;
import io.ringlog.core.format.RecordView;
import io.ringlog.core.segment.Segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;

/**
 * Positional fetches and timestamp lookups over durable batches.
 *
 * <p>Thread-safety: not thread-safe; create one per call (the log does).
 */
final class LogReads {
    private final LogState state;
    private final BatchLocator locator = new BatchLocator();

    LogReads(LogState state) {
        this.state = state;
    }

    FetchRange fetch(long fromOffset, int maxBytes) throws IOException {
        state.checkOpen();
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        long end = state.endOffset();
        if (fromOffset == end) {
            return FetchRange.empty(fromOffset);
        }
        Segment seg = segmentFor(fromOffset, end);
        try {
            return fetch(seg, fromOffset, maxBytes);
        } catch (IOException e) {
            if (seg.isClosed()) {
                // Retention retired the segment under the read: the documented outcome, not an I/O error.
                throw new OffsetOutOfRangeException(fromOffset, state.startOffset(), state.endOffset());
            }
            throw e;
        }
    }

    private FetchRange fetch(Segment seg, long fromOffset, int maxBytes) throws IOException {
        BatchLocator.Location loc = locator.locate(seg, fromOffset);
        long limit = seg.durableSize();
        if (loc.size() == 0) {
            return FetchRange.empty(fromOffset);
        }
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(limit - loc.position(), Math.max(maxBytes, loc.size())));
        seg.read(chunk, loc.position());
        int total = 0;
        long next = loc.baseOffset();
        while (total + RecordBatchDescriptor.LOG_OVERHEAD <= chunk.position()) {
            int size = RecordBatchDescriptor.sizeInBytes(chunk, total);
            if (total > 0 && total + size > maxBytes) {
                break;
            }
            next = RecordBatchDescriptor.lastOffset(chunk, total) + 1;
            total += size;
        }
        if (seg.directReads()) {
            return new FetchRange(null, loc.position(), total, loc.baseOffset(), next,
                chunk.flip().limit(total).slice().asReadOnlyBuffer());
        }
        return new FetchRange(seg.channel(), loc.position(), total, loc.baseOffset(), next, null);
    }

    /** The segment holding {@code offset}: the floor segment, or the next one when the floor ends before it. */
    private Segment segmentFor(long offset, long end) {
        long start = state.startOffset();
        if (offset < start || offset > end) {
            throw new OffsetOutOfRangeException(offset, start, end);
        }
        Map.Entry<Long, Segment> e = state.segments().floorEntry(offset);
        while (e != null && offset >= e.getValue().nextOffset()) {
            Map.Entry<Long, Segment> higher = state.segments().higherEntry(e.getKey());
            if (higher == null) {
                break;
            }
            e = higher;
        }
        if (e == null) {
            throw new OffsetOutOfRangeException(offset, state.startOffset(), state.endOffset());
        }
        return e.getValue();
    }

    long offsetForTimestamp(long timestamp) throws IOException {
        state.checkOpen();
        long start = state.startOffset();
        for (Segment seg : state.segments().values()) {
            if (seg.maxTimestamp() < timestamp) {
                continue;
            }
            long found = searchSegment(seg, timestamp, start);
            if (found >= 0) {
                return found;
            }
        }
        return -1;
    }

    private long searchSegment(Segment seg, long timestamp, long start) throws IOException {
        long from = Math.max(seg.timeIndex().startOffsetFor(timestamp), start);
        long position = seg.offsetIndex().floorPosition(from);
        long limit = seg.durableSize();
        while (position < limit) {
            ByteBuffer b = locator.readBatch(seg, position, limit);
            BatchView batch = new BatchView(b);
            position += batch.sizeInBytes();
            if (batch.maxTimestamp() < timestamp || batch.lastOffset() < start) {
                continue;
            }
            if (batch.isCompressed()) {
                return Math.max(batch.baseOffset(), start);
            }
            for (Iterator<RecordView> it = batch.records(); it.hasNext(); ) {
                RecordView r = it.next();
                if (r.timestamp() >= timestamp && r.offset() >= start) {
                    return r.offset();
                }
            }
        }
        return -1;
    }
}
