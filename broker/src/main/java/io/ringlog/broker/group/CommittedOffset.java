package io.ringlog.broker.group;

import java.util.Objects;

/**
 * One committed offset of a group for one partition, as OffsetCommit stores it and OffsetFetch
 * returns it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param topic             topic name
 * @param partition         partition index
 * @param offset            the committed offset (the next record the group will read)
 * @param leaderEpoch       the leader epoch the client sent, or -1 when it sent none
 * @param metadata          client-supplied metadata string, never null (empty when none)
 * @param commitTimestampMs broker time of the commit
 */
public record CommittedOffset(String topic, int partition, long offset, int leaderEpoch, String metadata,
                              long commitTimestampMs) {
    public CommittedOffset {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(metadata, "metadata");
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("bad committed offset " + topic + "-" + partition + " @" + offset);
        }
    }
}
