package io.ringlog.core.format;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One decoded record: its absolute offset and timestamp, key and value (read-only slices of the batch
 * bytes, or null) and headers.
 *
 * <p>Thread-safety: immutable; the buffers are independent read-only views.
 */
public record RecordView(long offset, long timestamp, ByteBuffer key, ByteBuffer value, List<RecordHeader> headers) {

    /** The value copied into a new array, or null. */
    public byte[] valueBytes() {
        return copy(value);
    }

    /** The key copied into a new array, or null. */
    public byte[] keyBytes() {
        return copy(key);
    }

    private static byte[] copy(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
