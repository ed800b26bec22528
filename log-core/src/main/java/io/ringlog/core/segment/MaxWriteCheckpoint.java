package io.ringlog.core.segment;

import io.ringlog.io.FileSystemOps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code max-write} file: the largest device write (bytes) any process has issued, or may issue,
 * to this log's active segment: the size of its tail buffers. Recovery after an unclean stop zeroes
 * only that much after the tail, because at most one write of at most this size was in flight at the
 * crash (docs/durability.md, "Recovery on open", step 5). The value only grows: a log reopened with
 * smaller tail buffers keeps the old, larger bound (it only makes the zeroing after a crash larger).
 * Written before the first write of the larger size; see {@link #write} for when it is fsynced.
 *
 * <pre>
 *  +--------------------------+
 *  | magic  i32 = 0x524C4D57  |  0  "RLMW"
 *  | version i32 = 1          |  4
 *  | maxWriteBytes i64        |  8
 *  | crc u32 (CRC-32C 0..15)  | 16
 *  +--------------------------+  20 bytes
 * </pre>
 *
 * <p>Thread-safety: stateless, safe from any thread (callers serialize writes).
 */
public final class MaxWriteCheckpoint {
    public static final int MAGIC = 0x524C4D57;
    public static final int VERSION = LongCheckpoint.VERSION;
    public static final int LENGTH = LongCheckpoint.LENGTH;

    private MaxWriteCheckpoint() {
    }

    /**
     * Records {@code maxWriteBytes}; the durable replacement goes through {@code fs} (so the power-loss
     * simulator sees it), the unsynced first record is a plain write.
     *
     * @param replacing true when an older (smaller) record exists: then the new one is written to a
     *                  temporary file, fsynced, renamed over it and the directory fsynced, because a
     *                  lost rename would bring back the smaller bound. A first record is written with no
     *                  fsync at all: if it is lost or torn it reads as absent (wrong length or CRC), and
     *                  absent makes recovery fall back to its conservative span, which is still correct.
     */
    public static void write(FileSystemOps fs, Path dir, long maxWriteBytes, boolean replacing) throws IOException {
        ByteBuffer b = LongCheckpoint.encode(MAGIC, maxWriteBytes);
        if (!replacing) {
            Files.write(dir.resolve(SegmentFileNames.MAX_WRITE), b.array());
            return;
        }
        Path tmp = dir.resolve(SegmentFileNames.MAX_WRITE + ".tmp");
        fs.writeDurably(tmp, b);
        fs.move(tmp, dir.resolve(SegmentFileNames.MAX_WRITE));
        fs.fsyncDirectory(dir);
    }

    /** The recorded bound, or -1 when absent (a log written before this file existed) or damaged. */
    public static long read(Path dir) throws IOException {
        return LongCheckpoint.read(dir.resolve(SegmentFileNames.MAX_WRITE), MAGIC);
    }
}
