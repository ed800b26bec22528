package io.ringlog.core;

import io.ringlog.io.Alignment;
import io.ringlog.io.DurableFile;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Loads the last partially filled block of the active segment into memory, and durably zeroes the
 * space after the valid end where a write may have been in flight at a crash (or where truncated
 * batches lie), so that bytes from an interrupted write can never later be read as the continuation
 * of a new history. At most one write of at most one tail buffer ({@code alignUp(maxPendingBytes) + 4096}
 * bytes) is ever in flight, starting at the block of the durable end; zeroing up to {@link #staleEnd}
 * covers it.
 *
 * <p>Thread-safety: stateless; callers hold the log's append lock.
 */
final class TailRepair {
    private TailRepair() {
    }

    /** 1 MiB of 4096-aligned zeros, allocated on first use and only ever read (safe from any thread). */
    private static final class SharedZeros {
        static final MemorySegment ZEROS = java.lang.foreign.Arena.global().allocate(1 << 20, Alignment.BLOCK);
    }

    /**
     * The end (exclusive) of the range after the valid end {@code end} that recovery zeroes after an
     * unclean stop: what the one write in flight at the crash may have touched. Writes start at the
     * block of the durable end, which is at or before {@code end}, and span at most the tail buffer
     * ({@code recordedMaxWrite}, from {@code max-write}), so the range ends at
     * {@code alignDown(end) + max(recordedMaxWrite, this log's tail buffer)}: 264 KiB for the broker's
     * 256 KiB pending bytes. Without a record (a log written before the record existed) or with
     * {@link Durability#NONE} (any number of unflushed writes may be in the page cache), the old
     * conservative span: {@code end + max(8 MiB, 2 x tail buffer)}.
     */
    static long staleEnd(long end, long recordedMaxWrite, LogConfig config) {
        long tail = BackendSelection.tailBufferBytes(config);
        if (recordedMaxWrite < 0 || config.durability() == Durability.NONE) {
            return end + Math.max(8L << 20, 2L * tail);
        }
        return Alignment.alignDown(end) + Math.max(recordedMaxWrite, tail);
    }

    /** Makes {@code tail} hold the block containing {@code end} (bytes before {@code end}) as its durable prefix. */
    static void loadTail(TailBuffer tail, DurableFile file, long end) throws IOException {
        long blockStart = Alignment.alignDown(end);
        tail.resetAt(blockStart);
        int prefix = (int) (end - blockStart);
        if (prefix > 0) {
            MemorySegment block = tail.memory().asSlice(0, Alignment.BLOCK);
            int n = file.read(block, blockStart);
            if (n < prefix) {
                throw new IOException("short read of the tail block of " + file.path() + " at " + blockStart
                    + ": " + n + " of " + prefix + " bytes");
            }
            tail.advance(prefix);
            tail.markDurable();
        }
    }

    /**
     * Durably rewrites the tail block (valid prefix + zeros) and zero-fills {@code [alignUp(end), upTo)}
     * (clamped to the file size). The zeros come from one read-only block shared by the process, not
     * from the log's spare tail buffer: filling a log's spare tail buffer made 1 MiB of it resident for good, 500 MiB
     * for a broker reopening 500 partitions after a crash.
     */
    static void zeroAfter(TailBuffer tail, DurableFile file, long end, long upTo,
                          long fileSize) throws IOException {
        if (!Alignment.isAligned(end)) {
            file.writeDurable(tail.prepareWrite(), tail.fileStart());
        }
        long from = Alignment.alignUp(end);
        long to = Math.min(fileSize, Alignment.alignUp(upTo));
        MemorySegment zeros = SharedZeros.ZEROS;
        long chunk = zeros.byteSize();
        for (long pos = from; pos < to; pos += chunk) {
            long len = Math.min(chunk, to - pos);
            file.writeDurable(len == chunk ? zeros : zeros.asSlice(0, len), pos);
        }
    }
}
