package io.ringlog.broker.storage;

/**
 * Per-partition storage settings, from the broker defaults overridden by topic configs.
 *
 * <p>Thread-safety: immutable.
 *
 * @param segmentBytes   roll a new segment once the active one reaches this size (log.segment.bytes)
 * @param retentionMs    delete sealed segments whose newest record is older; -1 = keep forever
 * @param retentionBytes delete oldest sealed segments while the partition is larger; -1 = no limit
 * @param maxBatchBytes  the largest record batch accepted (message.max.bytes / max.message.bytes)
 */
public record PartitionLogConfig(long segmentBytes, long retentionMs, long retentionBytes, int maxBatchBytes) {
    public PartitionLogConfig {
        if (segmentBytes < 14 || maxBatchBytes < 0) {
            throw new IllegalArgumentException("segmentBytes " + segmentBytes + ", maxBatchBytes " + maxBatchBytes);
        }
    }
}
