package io.ringlog.broker.group;

import java.util.List;
import java.util.Objects;

/**
 * The stored metadata of one group's current generation (what Kafka keeps in __consumer_offsets as
 * GroupMetadataValue): written when a generation completes (SyncGroup assignment stored), when the
 * group becomes empty, and when members change.
 *
 * <p>Thread-safety: immutable (the byte arrays in members are owned by the snapshot and never
 * modified after construction).
 *
 * @param groupId      group id
 * @param protocolType e.g. {@code consumer}; empty when the group only ever committed offsets
 * @param generationId generation, 0 for a group that never completed a join
 * @param protocolName the selected assignor, or null when none (empty group)
 * @param leaderId     the leader's member id, or null
 * @param members      the members of this generation with their subscriptions and assignments
 * @param timestampMs  broker time of the change
 */
public record GroupSnapshot(String groupId, String protocolType, int generationId, String protocolName,
                            String leaderId, List<Member> members, long timestampMs) {
    public GroupSnapshot {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(protocolType, "protocolType");
        members = List.copyOf(members);
    }

    /**
     * One member of the stored generation.
     *
     * @param memberId           broker-assigned member id
     * @param groupInstanceId    static membership id, or null
     * @param clientId           client id
     * @param clientHost         client host as seen by the broker
     * @param rebalanceTimeoutMs rebalance timeout the member joined with
     * @param sessionTimeoutMs   session timeout the member joined with
     * @param subscription       the member's metadata for the selected protocol
     * @param assignment         the assignment the leader gave it (empty before SyncGroup)
     */
    public record Member(String memberId, String groupInstanceId, String clientId, String clientHost,
                         int rebalanceTimeoutMs, int sessionTimeoutMs, byte[] subscription, byte[] assignment) {
        public Member {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientHost, "clientHost");
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(assignment, "assignment");
        }
    }
}
