package io.ringlog.core.format;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import static io.ringlog.core.format.RecordBatchDescriptor.ATTRIBUTES_OFFSET;
import static io.ringlog.core.format.RecordBatchDescriptor.HEADER_LENGTH;
import static io.ringlog.core.format.RecordBatchDescriptor.LOG_OVERHEAD;
import static io.ringlog.core.format.RecordBatchDescriptor.MAGIC_V2;
import static io.ringlog.core.format.RecordBatchDescriptor.MIN_BATCH_LENGTH;

/**
 * Checks one RecordBatch v2 at a position: length in range, whole batch present, magic 2, sane offset
 * fields and the CRC-32C. Compressed batches are checked the same way, without decompressing: the CRC
 * covers the compressed bytes. Offset continuity is the caller's check (it knows the expected offset).
 *
 * <p>Thread-safety: not thread-safe (holds a reusable {@link CRC32C}); use one per thread.
 */
public final class BatchValidator {
    private final CRC32C crc = new CRC32C();

    /**
     * Validates the batch starting at {@code at}, reading no byte at or beyond {@code limit}.
     *
     * @param maxBatchSize largest accepted total batch size in bytes (header included)
     */
    public BatchStatus check(ByteBuffer b, int at, int limit, int maxBatchSize) {
        if (limit - at < HEADER_LENGTH) {
            return BatchStatus.TRUNCATED_HEADER;
        }
        int batchLength = RecordBatchDescriptor.batchLength(b, at);
        if (batchLength < MIN_BATCH_LENGTH || batchLength > maxBatchSize - LOG_OVERHEAD) {
            return BatchStatus.BAD_LENGTH;
        }
        if (RecordBatchDescriptor.magic(b, at) != MAGIC_V2) {
            return BatchStatus.BAD_MAGIC;
        }
        int end = at + LOG_OVERHEAD + batchLength;
        if (end > limit) {
            return BatchStatus.TRUNCATED_BATCH;
        }
        if (RecordBatchDescriptor.lastOffsetDelta(b, at) < 0 || RecordBatchDescriptor.recordCount(b, at) < 0) {
            return BatchStatus.BAD_OFFSETS;
        }
        long actual = Crc32c.compute(crc, b, at + ATTRIBUTES_OFFSET, end);
        return actual == RecordBatchDescriptor.crc(b, at) ? BatchStatus.OK : BatchStatus.BAD_CRC;
    }
}
