package io.ringlog.broker.group.store;

import io.ringlog.core.format.LogRecord;

/**
 * The key and value bytes of one group-log record ({@link GroupLogFormat}), value null for a tombstone.
 *
 * <p>Thread-safety: immutable by convention (the arrays are never modified after encoding).
 *
 * @param key   the encoded key
 * @param value the encoded value, or null
 */
record EncodedRecord(byte[] key, byte[] value) {
    /**
     * Upper bound of a log-core record's framing around key and value: length, attributes,
     * timestampDelta, offsetDelta, keyLength, valueLength varints (at most 5, 1, 10, 5, 5, 5 bytes) and a
     * one-byte header count.
     */
    static final int RECORD_OVERHEAD_BYTES = 32;

    /** An upper bound of the bytes this record takes in a batch, used for batch packing and compaction accounting. */
    int sizeEstimate() {
        return key.length + (value == null ? 0 : value.length) + RECORD_OVERHEAD_BYTES;
    }

    LogRecord toLogRecord(long timestamp) {
        return LogRecord.of(key, value, timestamp);
    }
}
