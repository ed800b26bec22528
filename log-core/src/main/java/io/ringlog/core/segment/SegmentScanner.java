package io.ringlog.core.segment;

import io.ringlog.core.format.BatchStatus;
import io.ringlog.core.format.BatchValidator;
import io.ringlog.core.format.RecordBatchDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;

import static io.ringlog.core.format.RecordBatchDescriptor.HEADER_LENGTH;

/**
 * Scans a segment from a known-good position, validating each batch (length, magic, CRC) and that its
 * base offset is exactly the expected continuation, and (optionally) feeding the segment's indexes as
 * it goes. Stops at the first batch that fails; never trusts anything after it. Reads in chunks that
 * start at 64 KiB and double up to 1 MiB: most scans on open cover a short tail (after the last index
 * entry, or a lightly written active segment), and reading 1 MiB for each of them made reopening 500
 * partitions read 500 MiB.
 *
 * <p>Thread-safety: not thread-safe; one scanner per scan. Scans on one thread share that thread's
 * 1 MiB read buffer (taken at the first read, so a log with nothing to scan allocates nothing): one
 * buffer per scanner was 1 MiB of direct memory per partition opened, held until a GC freed it. Sharing is
 * safe because every {@link #scan} call reads before it looks and keeps no bytes across calls.
 */
public final class SegmentScanner {
    private static final int CHUNK = 1 << 20;
    private static final int FIRST_READ = 64 << 10;
    private static final ThreadLocal<ByteBuffer> THREAD_CHUNK = ThreadLocal.withInitial(
        () -> ByteBuffer.allocateDirect(Math.max(CHUNK, HEADER_LENGTH)));
    private final BatchValidator validator = new BatchValidator();
    private final int maxBatchSize;
    private ByteBuffer chunk;
    private int readSize = FIRST_READ;

    public SegmentScanner(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * Scans {@code segment} from {@code fromPosition}, expecting the batch there to have base offset
     * {@code fromOffset}. When {@code indexIntervalBytes > 0} the segment's indexes get entries.
     */
    public ScanResult scan(Segment segment, long fromPosition, long fromOffset, long maxTimestamp,
                           int indexIntervalBytes) throws IOException {
        long position = fromPosition;
        long expected = fromOffset;
        long maxTs = maxTimestamp;
        int batches = 0;
        long chunkStart = -1;
        int chunkLength = 0;
        long fileSize = segment.fileSize();
        readSize = FIRST_READ;
        while (true) {
            if (fileSize - position < HEADER_LENGTH) {
                return new ScanResult(position, expected, maxTs, batches, ScanResult.Stop.END_OF_FILE, null, -1);
            }
            if (chunkStart < 0 || position + HEADER_LENGTH > chunkStart + chunkLength) {
                chunkStart = position;
                chunkLength = fill(segment, position, HEADER_LENGTH);
            }
            int at = (int) (position - chunkStart);
            int size = RecordBatchDescriptor.batchLength(chunk, at) + RecordBatchDescriptor.LOG_OVERHEAD;
            if (size > HEADER_LENGTH && size <= maxBatchSize && position + size <= fileSize
                && at + size > chunkLength) {
                chunkStart = position;
                chunkLength = fill(segment, position, size);
                at = 0;
            }
            BatchStatus status = validator.check(chunk, at, chunkLength, maxBatchSize);
            if (status != BatchStatus.OK) {
                ScanResult.Stop stop = isZeroHeader(at, chunkLength) ? ScanResult.Stop.ZEROED : ScanResult.Stop.INVALID_BATCH;
                return new ScanResult(position, expected, maxTs, batches, stop, status, -1);
            }
            long base = RecordBatchDescriptor.baseOffset(chunk, at);
            if (base != expected) {
                return new ScanResult(position, expected, maxTs, batches, ScanResult.Stop.OFFSET_MISMATCH,
                    status, base);
            }
            long batchMaxTs = RecordBatchDescriptor.maxTimestamp(chunk, at);
            if (indexIntervalBytes > 0) {
                segment.onBatchAppended(base, batchMaxTs, position, size, indexIntervalBytes);
            }
            maxTs = Math.max(maxTs, batchMaxTs);
            expected = RecordBatchDescriptor.lastOffset(chunk, at) + 1;
            position += size;
            batches++;
        }
    }

    private int fill(Segment segment, long position, int atLeast) throws IOException {
        if (chunk == null) {
            chunk = THREAD_CHUNK.get();
        }
        if (chunk.capacity() < atLeast) {
            chunk = ByteBuffer.allocateDirect(atLeast);
        }
        chunk.clear().limit(Math.min(chunk.capacity(), Math.max(atLeast, readSize)));
        readSize = Math.min(CHUNK, readSize * 2);
        int n = segment.read(chunk, position);
        return Math.max(n, 0);
    }

    private boolean isZeroHeader(int at, int limit) {
        if (at + HEADER_LENGTH > limit) {
            return false;
        }
        for (int i = 0; i < HEADER_LENGTH; i++) {
            if (chunk.get(at + i) != 0) {
                return false;
            }
        }
        return true;
    }
}
