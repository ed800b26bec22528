package io.ringlog.broker.group;

import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One classic group: state, generation, members, the selected protocol and leader, and its committed
 * offsets (only those the store has made durable). The rebalance logic lives in {@link Rebalancer};
 * this class keeps the data consistent (leader always a member, static-member index, state transitions
 * checked against {@link GroupState#validPrevious()}).
 *
 * <p>Thread-safety: not thread-safe; every access holds this object's monitor.
 */
final class ConsumerGroup {
    static final String CONSUMER_PROTOCOL_TYPE = "consumer";

    final String groupId;
    private GroupState state = GroupState.EMPTY;
    int generationId;
    /** null until a member joins (a group that only has offsets has none). */
    String protocolType;
    String protocolName;
    String leaderId;
    private final LinkedHashMap<String, GroupMember> members = new LinkedHashMap<>();
    private final Map<String, String> staticMembers = new HashMap<>();
    /** Member ids handed out with MEMBER_ID_REQUIRED whose second JoinGroup has not come yet, with their expiry. */
    final Map<String, CoordinatorTimer.Task> pendingMembers = new HashMap<>();
    final Map<TopicPartition, CommittedOffset> offsets = new HashMap<>();
    /** The current phase's deadline: join (rebalance timeout or initial delay) or sync (rebalance timeout). */
    CoordinatorTimer.Task joinTask;
    boolean initialDelayActive;
    boolean newMemberAdded;
    long initialDelayRemainingMs;

    ConsumerGroup(String groupId) {
        this.groupId = groupId;
    }

    GroupState state() {
        return state;
    }

    boolean is(GroupState s) {
        return state == s;
    }

    void transitionTo(GroupState next) {
        if (!next.validPrevious().contains(state)) {
            throw new IllegalStateException("group " + groupId + " cannot go from " + state + " to " + next);
        }
        state = next;
    }

    boolean has(String memberId) {
        return members.containsKey(memberId);
    }

    GroupMember member(String memberId) {
        return members.get(memberId);
    }

    Collection<GroupMember> members() {
        return members.values();
    }

    /** A copy, for loops that remove members. */
    List<GroupMember> memberList() {
        return new ArrayList<>(members.values());
    }

    int size() {
        return members.size();
    }

    boolean isLeader(String memberId) {
        return memberId.equals(leaderId);
    }

    /** The member id a static instance id currently maps to, or null. */
    String staticMember(String groupInstanceId) {
        return staticMembers.get(groupInstanceId);
    }

    /** True when the request names a static instance that now belongs to another member id (KIP-345 fencing). */
    boolean isStaticMemberFenced(String memberId, String groupInstanceId) {
        if (groupInstanceId == null) {
            return false;
        }
        String current = staticMembers.get(groupInstanceId);
        return current != null && !current.equals(memberId);
    }

    void add(GroupMember member) {
        members.put(member.memberId, member);
        if (member.isStatic()) {
            staticMembers.put(member.groupInstanceId, member.memberId);
        }
        if (leaderId == null) {
            leaderId = member.memberId;
        }
    }

    void remove(GroupMember member) {
        members.remove(member.memberId);
        if (member.isStatic() && member.memberId.equals(staticMembers.get(member.groupInstanceId))) {
            staticMembers.remove(member.groupInstanceId);
        }
        if (member.memberId.equals(leaderId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
    }

    /** Makes a member that is waiting in JoinGroup the leader if the current one is not; false if none waits. */
    boolean electJoinedLeader() {
        GroupMember leader = leaderId == null ? null : members.get(leaderId);
        if (leader != null && leader.awaitingJoin != null) {
            return true;
        }
        for (GroupMember m : members.values()) {
            if (m.awaitingJoin != null) {
                leaderId = m.memberId;
                return true;
            }
        }
        return false;
    }

    boolean hasAllMembersJoined() {
        for (GroupMember m : members.values()) {
            if (m.awaitingJoin == null) {
                return false;
            }
        }
        return pendingMembers.isEmpty();
    }

    /** The largest rebalance timeout of the members: how long the join phase may last. */
    int rebalanceTimeoutMs() {
        int max = 0;
        for (GroupMember m : members.values()) {
            max = Math.max(max, m.rebalanceTimeoutMs);
        }
        return max;
    }

    /** Protocols every member supports. */
    Set<String> candidateProtocols() {
        Set<String> common = null;
        for (GroupMember m : members.values()) {
            Set<String> names = new LinkedHashSet<>();
            m.protocols.forEach(p -> names.add(p.name()));
            if (common == null) {
                common = names;
            } else {
                common.retainAll(names);
            }
        }
        return common == null ? Set.of() : common;
    }

    /** True when a member with this protocol type and these protocols may join. */
    boolean supportsProtocols(String type, List<MemberProtocol> protocols) {
        if (members.isEmpty()) {
            return !type.isEmpty() && !protocols.isEmpty();
        }
        if (!type.equals(protocolType)) {
            return false;
        }
        Set<String> candidates = candidateProtocols();
        return protocols.stream().anyMatch(p -> candidates.contains(p.name()));
    }

    /** Each member votes for its preferred common protocol; the most votes win (ties: first counted). */
    String selectProtocol() {
        Set<String> candidates = candidateProtocols();
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (GroupMember m : members.values()) {
            votes.merge(m.vote(candidates), 1, Integer::sum);
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** Starts the next generation: PreparingRebalance to CompletingRebalance, or to Empty without members. */
    void initNextGeneration() {
        generationId++;
        if (members.isEmpty()) {
            protocolName = null;
            transitionTo(GroupState.EMPTY);
        } else {
            protocolName = selectProtocol();
            transitionTo(GroupState.COMPLETING_REBALANCE);
        }
    }

    /**
     * Topics the members subscribe to, read from their consumer-protocol metadata, or empty when some
     * member's metadata cannot be read (the caller then treats every topic as subscribed).
     */
    Optional<Set<String>> subscribedTopics() {
        if (!CONSUMER_PROTOCOL_TYPE.equals(protocolType) || protocolName == null) {
            return Optional.empty();
        }
        Set<String> topics = new HashSet<>();
        for (GroupMember m : members.values()) {
            try {
                topics.addAll(ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(m.metadata(protocolName))).topics());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.of(topics);
    }

    /** The state to store: this generation with {@code assignments} (member id to assignment). */
    GroupSnapshot snapshot(Map<String, byte[]> assignments, long nowMs) {
        List<GroupSnapshot.Member> stored = new ArrayList<>();
        for (GroupMember m : members.values()) {
            stored.add(new GroupSnapshot.Member(m.memberId, m.groupInstanceId, m.clientId, m.clientHost,
                m.rebalanceTimeoutMs, m.sessionTimeoutMs, protocolName == null ? new byte[0] : m.metadata(protocolName),
                assignments.getOrDefault(m.memberId, new byte[0])));
        }
        return new GroupSnapshot(groupId, protocolType == null ? "" : protocolType, generationId, protocolName,
            leaderId, stored, nowMs);
    }

    /**
     * Rebuilds a group from its stored snapshot: Stable with the stored members, generation and
     * assignments when it had members and a protocol (the caller starts their session timers), else Empty
     * with the generation kept.
     */
    static ConsumerGroup restore(GroupSnapshot s) {
        ConsumerGroup g = new ConsumerGroup(s.groupId());
        g.generationId = s.generationId();
        g.protocolType = s.protocolType().isEmpty() ? null : s.protocolType();
        if (s.members().isEmpty() || s.protocolName() == null) {
            return g;
        }
        g.protocolName = s.protocolName();
        for (GroupSnapshot.Member m : s.members()) {
            GroupMember member = new GroupMember(m.memberId(), m.groupInstanceId(), m.clientId(), m.clientHost(),
                m.rebalanceTimeoutMs(), m.sessionTimeoutMs(), List.of(new MemberProtocol(s.protocolName(), m.subscription())));
            member.assignment = m.assignment();
            g.add(member);
        }
        if (s.leaderId() != null && g.has(s.leaderId())) {
            g.leaderId = s.leaderId();
        }
        g.state = GroupState.STABLE;
        return g;
    }
}
