package io.ringlog.core.format;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * A record to append: key and value (either may be null), headers and a timestamp in epoch
 * milliseconds. The buffers are read from their position to their limit and not modified.
 *
 * <p>Thread-safety: immutable reference holder; do not modify the buffers while an append reads them.
 */
public record LogRecord(ByteBuffer key, ByteBuffer value, List<RecordHeader> headers, long timestamp) {
    public LogRecord {
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
    }

    /** A record with a value only (null key, no headers). */
    public static LogRecord ofValue(ByteBuffer value, long timestamp) {
        return new LogRecord(null, value, List.of(), timestamp);
    }

    /** A record from byte arrays (either may be null). */
    public static LogRecord of(byte[] key, byte[] value, long timestamp) {
        return new LogRecord(key == null ? null : ByteBuffer.wrap(key), value == null ? null : ByteBuffer.wrap(value),
            List.of(), timestamp);
    }
}
