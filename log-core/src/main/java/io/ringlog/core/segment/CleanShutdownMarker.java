package io.ringlog.core.segment;

import io.ringlog.core.format.Crc32c;
import io.ringlog.io.FileSystemOps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The {@code clean-shutdown} file: written last by {@link #write} at close, after every byte is durable
 * and the active segment's index files are written; deleted (and the directory fsynced) on open before
 * the first append. When present and matching, recovery trusts the indexes of the last segment and
 * checks only the batches after its last index entry instead of scanning the whole segment.
 *
 * <pre>
 *  +--------------------------+
 *  | magic  i32 = 0x524C4353  |  0  "RLCS"
 *  | version i32 = 1          |  4
 *  | activeBaseOffset i64     |  8
 *  | endPosition i64          | 16  bytes of valid batches in the active segment
 *  | nextOffset i64           | 24
 *  | crc u32 (CRC-32C 0..31)  | 32
 *  +--------------------------+  36 bytes
 * </pre>
 *
 * @param activeBaseOffset base offset of the last segment
 * @param endPosition      bytes of valid batches in it
 * @param nextOffset       the log end offset
 *
 * <p>Thread-safety: immutable.
 */
public record CleanShutdownMarker(long activeBaseOffset, long endPosition, long nextOffset) {
    public static final int MAGIC = 0x524C4353;
    public static final int VERSION = 1;
    public static final int LENGTH = 36;
    private static final int CRC_OFFSET = 32;

    /** Writes the marker durably (file fsync, then directory fsync). */
    public void write(FileSystemOps fs, Path dir) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.putInt(MAGIC).putInt(VERSION).putLong(activeBaseOffset).putLong(endPosition).putLong(nextOffset);
        b.putInt(CRC_OFFSET, (int) Crc32c.compute(new CRC32C(), b, 0, CRC_OFFSET));
        fs.writeDurably(dir.resolve(SegmentFileNames.CLEAN_SHUTDOWN), b.clear());
        fs.fsyncDirectory(dir);
    }

    /** Reads the marker; null when absent or damaged. */
    public static CleanShutdownMarker read(Path dir) throws IOException {
        Path f = dir.resolve(SegmentFileNames.CLEAN_SHUTDOWN);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f));
        if (b.limit() != LENGTH || b.getInt(0) != MAGIC || b.getInt(4) != VERSION
            || (b.getInt(CRC_OFFSET) & 0xFFFF_FFFFL) != Crc32c.compute(new CRC32C(), b, 0, CRC_OFFSET)) {
            return null;
        }
        return new CleanShutdownMarker(b.getLong(8), b.getLong(16), b.getLong(24));
    }

    /** Deletes the marker if present and fsyncs the directory. */
    public static void delete(FileSystemOps fs, Path dir) throws IOException {
        if (fs.deleteIfExists(dir.resolve(SegmentFileNames.CLEAN_SHUTDOWN))) {
            fs.fsyncDirectory(dir);
        }
    }
}
