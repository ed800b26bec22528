package io.ringlog.core.segment;

import io.ringlog.core.format.Crc32c;
import io.ringlog.io.FileSystemOps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The {@code log-start-offset} file: the first readable offset set by {@code deleteRecordsBefore},
 * written to a temporary file, fsynced, renamed over the old one, directory fsynced.
 *
 * <pre>
 *  +--------------------------+
 *  | magic  i32 = 0x524C534F  |  0  "RLSO"
 *  | version i32 = 1          |  4
 *  | logStartOffset i64       |  8
 *  | crc u32 (CRC-32C 0..15)  | 16
 *  +--------------------------+  20 bytes
 * </pre>
 *
 * <p>Thread-safety: stateless, safe from any thread (callers serialize writes).
 */
public final class LogStartOffsetCheckpoint {
    public static final int MAGIC = 0x524C534F;
    public static final int VERSION = 1;
    public static final int LENGTH = 20;
    private static final int CRC_OFFSET = 16;

    private LogStartOffsetCheckpoint() {
    }

    /** Writes the checkpoint durably through {@code fs}: temporary file, fsync, rename, directory fsync. */
    public static void write(FileSystemOps fs, Path dir, long logStartOffset) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.putInt(MAGIC).putInt(VERSION).putLong(logStartOffset);
        b.putInt(CRC_OFFSET, (int) Crc32c.compute(new CRC32C(), b, 0, CRC_OFFSET));
        Path tmp = dir.resolve(SegmentFileNames.LOG_START_OFFSET + ".tmp");
        fs.writeDurably(tmp, b.clear());
        fs.move(tmp, dir.resolve(SegmentFileNames.LOG_START_OFFSET));
        fs.fsyncDirectory(dir);
    }

    /** The stored offset, or -1 when absent or damaged. */
    public static long read(Path dir) throws IOException {
        Path f = dir.resolve(SegmentFileNames.LOG_START_OFFSET);
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
