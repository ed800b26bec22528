package io.ringlog.reliability;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Self-describing record values: {@code id (i64) | bodyLength (i32) | body}, where body byte i is a
 * pure function of (id, i). A value read back can thus be checked on its own (a torn or stale value
 * never passes), and its id says which append wrote it.
 *
 * <pre>
 *  +---------------+------------------+---------------------------+
 *  | id  i64       | bodyLength  i32  | body: bodyByte(id, i) ... |
 *  +---------------+------------------+---------------------------+
 *  0               8                  12
 * </pre>
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
final class Payload {
    static final int HEADER = 12;

    private Payload() {
    }

    /** The value of record {@code id} with {@code bodyLength} body bytes. */
    static ByteBuffer value(long id, int bodyLength) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + bodyLength);
        b.putLong(id).putInt(bodyLength);
        for (int i = 0; i < bodyLength; i++) {
            b.put(bodyByte(id, i));
        }
        return b.flip();
    }

    /** The id of a well-formed value, or -1 when {@code value} is not one produced by {@link #value}. */
    static long idOf(ByteBuffer value) {
        if (value == null || value.remaining() < HEADER) {
            return -1;
        }
        int p = value.position();
        long id = value.getLong(p);
        int len = value.getInt(p + 8);
        if (len < 0 || value.remaining() != HEADER + len) {
            return -1;
        }
        for (int i = 0; i < len; i++) {
            if (value.get(p + HEADER + i) != bodyByte(id, i)) {
                return -1;
            }
        }
        return id;
    }

    /** CRC-32C of the value's bytes (position to limit), as the crash child reports it. */
    static long checksum(ByteBuffer value) {
        CRC32C crc = new CRC32C();
        crc.update(value.duplicate());
        return crc.getValue();
    }

    private static byte bodyByte(long id, int i) {
        long z = id * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        return (byte) (z ^ (z >>> 29));
    }
}
