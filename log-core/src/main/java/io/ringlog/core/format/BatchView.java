package io.ringlog.core.format;

import java.nio.ByteBuffer;
import java.util.Iterator;

/**
 * A read-only view of one stored RecordBatch v2: header fields and, for uncompressed batches, its
 * records. The bytes are exactly those on disk.
 *
 * <p>Thread-safety: immutable; {@link #records()} returns a new iterator per call.
 */
public final class BatchView {
    private final ByteBuffer buffer;

    /** Views the batch that fills {@code buffer} from position 0 (the buffer is not copied). */
    public BatchView(ByteBuffer buffer) {
        this.buffer = buffer.asReadOnlyBuffer();
    }

    public long baseOffset() {
        return RecordBatchDescriptor.baseOffset(buffer, 0);
    }

    /** {@code baseOffset + lastOffsetDelta}. */
    public long lastOffset() {
        return RecordBatchDescriptor.lastOffset(buffer, 0);
    }

    /** The offset the following batch starts at. */
    public long nextOffset() {
        return lastOffset() + 1;
    }

    public int sizeInBytes() {
        return RecordBatchDescriptor.sizeInBytes(buffer, 0);
    }

    public int recordCount() {
        return RecordBatchDescriptor.recordCount(buffer, 0);
    }

    public long baseTimestamp() {
        return RecordBatchDescriptor.baseTimestamp(buffer, 0);
    }

    public long maxTimestamp() {
        return RecordBatchDescriptor.maxTimestamp(buffer, 0);
    }

    public long crc() {
        return RecordBatchDescriptor.crc(buffer, 0);
    }

    public short attributes() {
        return RecordBatchDescriptor.attributes(buffer, 0);
    }

    public long producerId() {
        return RecordBatchDescriptor.producerId(buffer, 0);
    }

    public int partitionLeaderEpoch() {
        return buffer.getInt(RecordBatchDescriptor.PARTITION_LEADER_EPOCH_OFFSET);
    }

    /** Compression codec id: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
    public int compression() {
        return RecordBatchDescriptor.compression(attributes());
    }

    public boolean isCompressed() {
        return compression() != 0;
    }

    /** A read-only duplicate of the batch bytes (position 0, limit = size). */
    public ByteBuffer buffer() {
        return buffer.duplicate().limit(sizeInBytes());
    }

    /**
     * The records, decoded lazily.
     *
     * @throws UnsupportedOperationException for a compressed batch (ringlog stores those verbatim and
     *                                       does not decompress them)
     */
    public Iterator<RecordView> records() {
        if (isCompressed()) {
            throw new UnsupportedOperationException("batch at offset " + baseOffset()
                + " is compressed (codec " + compression() + "); records are not decoded");
        }
        return new RecordIterator(buffer, 0);
    }

    @Override
    public String toString() {
        return "BatchView[offsets " + baseOffset() + ".." + lastOffset() + ", " + sizeInBytes() + " bytes, "
            + recordCount() + " records]";
    }
}
