package io.ringlog.broker.storage;

/**
 * A record's timestamp and offset, the answer of a lookup by time.
 *
 * <p>Thread-safety: immutable.
 */
public record TimestampOffset(long timestamp, long offset) {
}
