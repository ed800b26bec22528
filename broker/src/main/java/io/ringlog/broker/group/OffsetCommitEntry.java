package io.ringlog.broker.group;

import org.apache.kafka.common.TopicPartition;

/**
 * One partition's offset in an OffsetCommit request (or an admin alterConsumerGroupOffsets).
 *
 * <p>Thread-safety: immutable.
 *
 * @param partition   the partition
 * @param offset      the offset to commit
 * @param leaderEpoch the leader epoch the client sent, or -1
 * @param metadata    the client's metadata string, or null
 */
public record OffsetCommitEntry(TopicPartition partition, long offset, int leaderEpoch, String metadata) {
}
