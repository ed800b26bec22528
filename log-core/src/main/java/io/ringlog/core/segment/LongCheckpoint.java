package io.ringlog.core.segment;

import io.ringlog.core.format.Crc32c;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The 20-byte layout shared by log-core's one-number checkpoint files ({@link LogStartOffsetCheckpoint},
 * {@link MaxWriteCheckpoint}); each file has its own magic:
 *
 * <pre>
 *  +--------------------------+
 *  | magic  i32               |  0
 *  | version i32 = 1          |  4
 *  | value  i64               |  8
 *  | crc u32 (CRC-32C 0..15)  | 16
 *  +--------------------------+  20 bytes, big-endian
 * </pre>
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
final class LongCheckpoint {
    static final int VERSION = 1;
    static final int LENGTH = 20;
    private static final int CRC_OFFSET = 16;

    private LongCheckpoint() {
    }

    /** The file's bytes for {@code value}, ready to write (position 0, limit {@link #LENGTH}). */
    static ByteBuffer encode(int magic, long value) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.putInt(magic).putInt(VERSION).putLong(value);
        b.putInt(CRC_OFFSET, (int) Crc32c.compute(new CRC32C(), b, 0, CRC_OFFSET));
        return b.clear();
    }

    /** The value stored in {@code file}, or -1 when the file is absent, of another magic, or damaged. */
    static long read(Path file, int magic) throws IOException {
        if (!Files.isRegularFile(file)) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        if (b.limit() != LENGTH || b.getInt(0) != magic || b.getInt(4) != VERSION
            || (b.getInt(CRC_OFFSET) & 0xFFFF_FFFFL) != Crc32c.compute(new CRC32C(), b, 0, CRC_OFFSET)) {
            return -1;
        }
        return b.getLong(8);
    }
}
