package io.ringlog.core.segment;

import io.ringlog.core.format.Crc32c;
import io.ringlog.io.FileSystemOps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

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
    public static final int VERSION = 1;
    public static final int LENGTH = 20;
    private static final int CRC_OFFSET = 16;

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
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.putInt(MAGIC).putInt(VERSION).putLong(maxWriteBytes);
        b.putInt(CRC_OFFSET, (int) Crc32c.compute(new CRC32C(), b, 0, CRC_OFFSET));
        if (!replacing) {
            Files.write(dir.resolve(SegmentFileNames.MAX_WRITE), b.array());
            return;
        }
        Path tmp = dir.resolve(SegmentFileNames.MAX_WRITE + ".tmp");
        fs.writeDurably(tmp, b.clear());
        fs.move(tmp, dir.resolve(SegmentFileNames.MAX_WRITE));
        fs.fsyncDirectory(dir);
    }

    /** The recorded bound, or -1 when absent (a log written before this file existed) or damaged. */
    public static long read(Path dir) throws IOException {
        Path f = dir.resolve(SegmentFileNames.MAX_WRITE);
        if (!Files.isRegularFile(f)) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f));
        if (b.limit() != LENGTH || b.getInt(0) != MAGIC || b.getInt(4) != VERSION
            || (b.getInt(CRC_OFFSET) & 0xFFFF_FFFFL) != Crc32c.compute(new CRC32C(), b, 0, CRC_OFFSET)) {
            return -1;
        }
        return b.getLong(8);
    }
}
