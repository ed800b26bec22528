package io.ringlog.core;

import io.ringlog.core.format.RecordBatchDescriptor;
import io.ringlog.core.segment.Segment;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Finds batches inside a segment: from the sparse index's floor entry, hop from batch header to batch
 * header until the batch containing an offset. Reads only durable bytes ({@link Segment#durableSize()}).
 *
 * <p>Thread-safety: not thread-safe (reuses a header buffer); one per operation or reader.
 */
final class BatchLocator {
    /** A batch's place: its position, base offset and size; size 0 means "end of the segment's data". */
    record Location(long position, long baseOffset, int size) {
    }

    private final ByteBuffer header = ByteBuffer.allocate(RecordBatchDescriptor.HEADER_LENGTH);

    /** The batch containing {@code offset}, or the segment's end (size 0) when it is past the last batch. */
    Location locate(Segment segment, long offset) throws IOException {
        long position = segment.offsetIndex().floorPosition(offset);
        long limit = segment.durableSize();
        while (position < limit) {
            readHeader(segment, position, limit);
            long last = RecordBatchDescriptor.lastOffset(header, 0);
            int size = RecordBatchDescriptor.sizeInBytes(header, 0);
            if (last >= offset) {
                return new Location(position, RecordBatchDescriptor.baseOffset(header, 0), size);
            }
            position += size;
        }
        return new Location(limit, segment.nextOffset(), 0);
    }

    /** Reads the whole batch at {@code position} into a new heap buffer. */
    ByteBuffer readBatch(Segment segment, long position, long limit) throws IOException {
        readHeader(segment, position, limit);
        int size = RecordBatchDescriptor.sizeInBytes(header, 0);
        ByteBuffer batch = ByteBuffer.allocate(size);
        if (segment.read(batch, position) != size) {
            throw new IOException("short read of a batch of " + size + " bytes at " + position + " in " + segment.path());
        }
        return batch.flip();
    }

    private void readHeader(Segment segment, long position, long limit) throws IOException {
        header.clear();
        int n = segment.read(header, position);
        int size = n >= RecordBatchDescriptor.LOG_OVERHEAD ? RecordBatchDescriptor.sizeInBytes(header, 0) : -1;
        if (n < RecordBatchDescriptor.HEADER_LENGTH || size < RecordBatchDescriptor.HEADER_LENGTH
            || position + size > limit) {
            throw new IOException("no valid batch header at position " + position + " of " + segment.path()
                + " (durable size " + limit + "): the segment changed underneath (truncated or retired?)");
        }
    }
}
