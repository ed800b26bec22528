package io.ringlog.broker.group;

import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One member of a {@link ConsumerGroup}: what it joined with, its assignment, the JoinGroup or
 * SyncGroup response it is waiting for, and its session deadline.
 *
 * <p>Thread-safety: not thread-safe; guarded by its group's monitor.
 */
final class GroupMember {
    private static final byte[] NONE = new byte[0];

    final String memberId;
    final String groupInstanceId;
    String clientId;
    String clientHost;
    int rebalanceTimeoutMs;
    int sessionTimeoutMs;
    List<MemberProtocol> protocols;
    byte[] assignment = NONE;
    /** The pending JoinGroup response, while the member waits for the join phase to end. */
    CompletableFuture<JoinGroupResponseData> awaitingJoin;
    /** The pending SyncGroup response, while the member waits for the leader's assignment. */
    CompletableFuture<SyncGroupResponseData> awaitingSync;
    /** Monotonic ms after which the member is removed unless it heartbeats (or waits in a join/sync). */
    long sessionDeadlineMs;
    /** The timer task that checks the deadline, or null. */
    CoordinatorTimer.Task expiryTask;

    GroupMember(String memberId, String groupInstanceId, String clientId, String clientHost, int rebalanceTimeoutMs,
                int sessionTimeoutMs, List<MemberProtocol> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocols = List.copyOf(protocols);
    }

    /** The member's metadata for {@code protocol}, or an empty array when it does not support it. */
    byte[] metadata(String protocol) {
        for (MemberProtocol p : protocols) {
            if (p.name().equals(protocol)) {
                return p.metadata();
            }
        }
        return NONE;
    }

    /** True when the member re-joins with exactly the protocols and metadata it joined with. */
    boolean matches(List<MemberProtocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            MemberProtocol a = protocols.get(i);
            MemberProtocol b = other.get(i);
            if (!a.name().equals(b.name()) || !java.util.Arrays.equals(a.metadata(), b.metadata())) {
                return false;
            }
        }
        return true;
    }

    /** The member's most preferred protocol among {@code candidates}. */
    String vote(Set<String> candidates) {
        for (MemberProtocol p : protocols) {
            if (candidates.contains(p.name())) {
                return p.name();
            }
        }
        throw new IllegalStateException("member " + memberId + " supports none of " + candidates);
    }

    boolean isStatic() {
        return groupInstanceId != null;
    }

    void clearAssignment() {
        assignment = NONE;
    }
}
