package io.ringlog.core.segment;

import io.ringlog.io.FileSystemOps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

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
    public static final int VERSION = LongCheckpoint.VERSION;
    public static final int LENGTH = LongCheckpoint.LENGTH;

    private LogStartOffsetCheckpoint() {
    }

    /** Writes the checkpoint durably through {@code fs}: temporary file, fsync, rename, directory fsync. */
    public static void write(FileSystemOps fs, Path dir, long logStartOffset) throws IOException {
        ByteBuffer b = LongCheckpoint.encode(MAGIC, logStartOffset);
        Path tmp = dir.resolve(SegmentFileNames.LOG_START_OFFSET + ".tmp");
        fs.writeDurably(tmp, b);
        fs.move(tmp, dir.resolve(SegmentFileNames.LOG_START_OFFSET));
        fs.fsyncDirectory(dir);
    }

    /** The stored offset, or -1 when absent or damaged. */
    public static long read(Path dir) throws IOException {
        return LongCheckpoint.read(dir.resolve(SegmentFileNames.LOG_START_OFFSET), MAGIC);
    }
}
