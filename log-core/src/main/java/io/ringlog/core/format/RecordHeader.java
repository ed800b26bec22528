package io.ringlog.core.format;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record header: a non-null UTF-8 key and a value that may be null.
 *
 * <p>Thread-safety: immutable as long as callers do not modify the value array they passed or received.
 */
public record RecordHeader(String key, byte[] value) {
    public RecordHeader {
        Objects.requireNonNull(key, "header key");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordHeader h && key.equals(h.key) && Arrays.equals(value, h.value);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "RecordHeader[" + key + "=" + (value == null ? "null" : value.length + " bytes") + "]";
    }
}
