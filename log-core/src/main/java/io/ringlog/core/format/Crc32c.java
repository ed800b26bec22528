package io.ringlog.core.format;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC-32C over a range of a buffer using absolute positions: the JDK's {@link CRC32C} (an intrinsic
 * on x86-64 and arm64) updated from a {@link ByteBuffer} whose position and limit are restored after.
 *
 * <p>Thread-safety: stateless, safe from any thread; the {@link CRC32C} passed in must not be shared.
 */
public final class Crc32c {
    private Crc32c() {
    }

    /** CRC-32C of {@code b[from, to)}; {@code crc} is reset first. Allocates nothing. */
    public static long compute(CRC32C crc, ByteBuffer b, int from, int to) {
        int pos = b.position();
        int lim = b.limit();
        try {
            b.limit(to).position(from);
            crc.reset();
            crc.update(b);
            return crc.getValue();
        } finally {
            b.limit(lim).position(pos);
        }
    }
}
