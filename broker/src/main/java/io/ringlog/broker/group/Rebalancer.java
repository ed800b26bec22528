package io.ringlog.broker.group;

import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The classic group protocol's state machine: JoinGroup (with the v4+ MEMBER_ID_REQUIRED round trip and
 * static members), the delayed end of the join phase (all members joined, rebalance timeout, or the
 * initial delay of an empty group), SyncGroup (the leader's assignment is stored before anyone gets it),
 * Heartbeat, LeaveGroup, and session expiry. Follows Kafka's classic GroupCoordinator semantics and
 * error codes.
 *
 * <p>Thread-safety: thread-safe; every method runs under the group's monitor (through
 * {@link GroupRegistry#withGroup} or in the timer callbacks), and completes response futures while
 * holding it, so responses of one group leave in state order.
 */
final class Rebalancer {
    private static final Logger LOG = LoggerFactory.getLogger(Rebalancer.class);
    private static final byte[] EMPTY = new byte[0];

    private final GroupRegistry registry;
    private final GroupSettings settings;
    private final CoordinatorTimer timer;
    private final StoreWriter writer;
    private final GroupStore store;

    Rebalancer(GroupRegistry registry, GroupSettings settings, CoordinatorTimer timer, StoreWriter writer, GroupStore store) {
        this.registry = registry;
        this.settings = settings;
        this.timer = timer;
        this.writer = writer;
        this.store = store;
    }

    // ---- JoinGroup ----

    CompletableFuture<JoinGroupResponseData> join(JoinGroupParams p) {
        if (registry.isClosed()) {
            return joinError(p.memberId(), Errors.NOT_COORDINATOR);
        }
        if (p.groupId() == null || p.groupId().isEmpty()) {
            return joinError(p.memberId(), Errors.INVALID_GROUP_ID);
        }
        if (p.sessionTimeoutMs() < settings.minSessionTimeoutMs() || p.sessionTimeoutMs() > settings.maxSessionTimeoutMs()) {
            return joinError(p.memberId(), Errors.INVALID_SESSION_TIMEOUT);
        }
        if (p.protocolType() == null || p.protocolType().isEmpty() || p.protocols().isEmpty()) {
            return joinError(p.memberId(), Errors.INCONSISTENT_GROUP_PROTOCOL);
        }
        boolean newMember = p.memberId().isEmpty();
        return registry.withGroup(p.groupId(), newMember, g -> {
            if (g == null) {
                return joinError(p.memberId(), Errors.UNKNOWN_MEMBER_ID);
            }
            CompletableFuture<JoinGroupResponseData> result = newMember ? newMemberJoin(g, p) : currentMemberJoin(g, p);
            tryCompleteJoin(g);
            return result;
        });
    }

    private CompletableFuture<JoinGroupResponseData> newMemberJoin(ConsumerGroup g, JoinGroupParams p) {
        if (!g.supportsProtocols(p.protocolType(), p.protocols())) {
            return joinError("", Errors.INCONSISTENT_GROUP_PROTOCOL);
        }
        String memberId = p.clientId() + "-" + UUID.randomUUID();
        if (p.groupInstanceId() != null) {
            String old = g.staticMember(p.groupInstanceId());
            if (old != null) {
                // A static member restarted (it lost its member id): the new id takes the instance over.
                LOG.info("group {}: static member {} rejoined, replacing member {}", g.groupId, p.groupInstanceId(), old);
                removeMember(g, g.member(old), Errors.FENCED_INSTANCE_ID); // the join below rebalances
            }
            return addMemberAndRebalance(g, p, memberId);
        }
        if (g.size() + g.pendingMembers.size() >= settings.maxSize()) {
            return joinError("", Errors.GROUP_MAX_SIZE_REACHED);
        }
        if (p.requireKnownMemberId()) {
            // KIP-394: hand out the id first, so a client that times out and retries does not leave a ghost member.
            g.pendingMembers.put(memberId, timer.schedule(p.sessionTimeoutMs(), () -> expirePending(g, memberId)));
            return joinError(memberId, Errors.MEMBER_ID_REQUIRED);
        }
        return addMemberAndRebalance(g, p, memberId);
    }

    private CompletableFuture<JoinGroupResponseData> currentMemberJoin(ConsumerGroup g, JoinGroupParams p) {
        String memberId = p.memberId();
        if (!g.supportsProtocols(p.protocolType(), p.protocols())) {
            return joinError(memberId, Errors.INCONSISTENT_GROUP_PROTOCOL);
        }
        CoordinatorTimer.Task pending = g.pendingMembers.remove(memberId);
        if (pending != null) {
            pending.cancel();
            return addMemberAndRebalance(g, p, memberId);
        }
        if (g.isStaticMemberFenced(memberId, p.groupInstanceId())) {
            return joinError(memberId, Errors.FENCED_INSTANCE_ID);
        }
        GroupMember member = g.member(memberId);
        if (member == null) {
            return joinError(memberId, Errors.UNKNOWN_MEMBER_ID);
        }
        return switch (g.state()) {
            case PREPARING_REBALANCE -> updateMemberAndRebalance(g, member, p);
            case COMPLETING_REBALANCE -> member.matches(p.protocols())
                ? CompletableFuture.completedFuture(joinResponse(g, member)) // it missed the join response
                : updateMemberAndRebalance(g, member, p);
            case STABLE -> g.isLeader(memberId) || !member.matches(p.protocols())
                ? updateMemberAndRebalance(g, member, p)
                : CompletableFuture.completedFuture(joinResponse(g, member));
            case EMPTY, DEAD -> joinError(memberId, Errors.UNKNOWN_MEMBER_ID);
        };
    }

    private CompletableFuture<JoinGroupResponseData> addMemberAndRebalance(ConsumerGroup g, JoinGroupParams p, String memberId) {
        GroupMember member = new GroupMember(memberId, p.groupInstanceId(), p.clientId(), p.clientHost(),
            p.rebalanceTimeoutMs(), p.sessionTimeoutMs(), p.protocols());
        CompletableFuture<JoinGroupResponseData> result = new CompletableFuture<>();
        member.awaitingJoin = result;
        if (g.size() == 0) {
            g.protocolType = p.protocolType();
        }
        g.add(member);
        if (g.initialDelayActive) {
            g.newMemberAdded = true;
        }
        renewSession(g, member);
        maybePrepareRebalance(g, "member " + memberId + " joined");
        return result;
    }

    private CompletableFuture<JoinGroupResponseData> updateMemberAndRebalance(ConsumerGroup g, GroupMember member, JoinGroupParams p) {
        member.protocols = p.protocols();
        member.rebalanceTimeoutMs = p.rebalanceTimeoutMs();
        member.sessionTimeoutMs = p.sessionTimeoutMs();
        member.clientId = p.clientId();
        member.clientHost = p.clientHost();
        if (member.awaitingJoin != null) {
            member.awaitingJoin.complete(errorData(member.memberId, Errors.REBALANCE_IN_PROGRESS)); // superseded retry
        }
        CompletableFuture<JoinGroupResponseData> result = new CompletableFuture<>();
        member.awaitingJoin = result;
        maybePrepareRebalance(g, "member " + member.memberId + " re-joined");
        return result;
    }

    // ---- rebalance phases ----

    private void maybePrepareRebalance(ConsumerGroup g, String reason) {
        if (g.is(GroupState.STABLE) || g.is(GroupState.COMPLETING_REBALANCE) || g.is(GroupState.EMPTY)) {
            prepareRebalance(g, reason);
        }
    }

    private void prepareRebalance(ConsumerGroup g, String reason) {
        if (g.is(GroupState.COMPLETING_REBALANCE)) {
            failPendingSyncs(g, Errors.REBALANCE_IN_PROGRESS);
        }
        boolean fromEmpty = g.is(GroupState.EMPTY);
        g.transitionTo(GroupState.PREPARING_REBALANCE);
        LOG.info("group {}: preparing to rebalance (generation {}): {}", g.groupId, g.generationId, reason);
        cancelJoinTask(g);
        int rebalanceTimeout = g.rebalanceTimeoutMs();
        int delay = settings.initialRebalanceDelayMs();
        if (fromEmpty && delay > 0) {
            g.initialDelayActive = true;
            g.newMemberAdded = false;
            g.initialDelayRemainingMs = Math.max(rebalanceTimeout - delay, 0);
            g.joinTask = timer.schedule(delay, () -> locked(g, () -> onInitialDelayEnd(g)));
        } else {
            g.joinTask = timer.schedule(rebalanceTimeout, () -> locked(g, () -> onJoinDeadline(g)));
            tryCompleteJoin(g);
        }
    }

    /** KIP-134: while members keep arriving, the first rebalance waits up to another delay (within the rebalance timeout). */
    private void onInitialDelayEnd(ConsumerGroup g) {
        g.joinTask = null;
        if (!g.is(GroupState.PREPARING_REBALANCE) || !g.initialDelayActive) {
            return;
        }
        if (g.newMemberAdded && g.initialDelayRemainingMs > 0) {
            g.newMemberAdded = false;
            long next = Math.min(settings.initialRebalanceDelayMs(), g.initialDelayRemainingMs);
            g.initialDelayRemainingMs = Math.max(g.initialDelayRemainingMs - settings.initialRebalanceDelayMs(), 0);
            g.joinTask = timer.schedule(next, () -> locked(g, () -> onInitialDelayEnd(g)));
            return;
        }
        g.initialDelayActive = false;
        completeJoin(g);
    }

    private void onJoinDeadline(ConsumerGroup g) {
        g.joinTask = null;
        if (g.is(GroupState.PREPARING_REBALANCE)) {
            completeJoin(g);
        }
    }

    private void tryCompleteJoin(ConsumerGroup g) {
        if (g.is(GroupState.PREPARING_REBALANCE) && !g.initialDelayActive && g.hasAllMembersJoined()) {
            completeJoin(g);
        }
    }

    /** Ends the join phase: drops dynamic members that did not re-join, starts the next generation, answers the joins. */
    private void completeJoin(ConsumerGroup g) {
        cancelJoinTask(g);
        for (GroupMember m : g.memberList()) {
            if (m.awaitingJoin == null && !m.isStatic()) {
                LOG.info("group {}: removing member {}: it did not re-join within the rebalance timeout", g.groupId, m.memberId);
                removeMember(g, m, Errors.UNKNOWN_MEMBER_ID);
            }
        }
        if (g.size() > 0 && !g.electJoinedLeader()) {
            // Only static members that have not re-joined: wait for them or for their sessions to expire.
            g.joinTask = timer.schedule(g.rebalanceTimeoutMs(), () -> locked(g, () -> onJoinDeadline(g)));
            return;
        }
        g.initNextGeneration();
        if (g.is(GroupState.EMPTY)) {
            LOG.info("group {}: generation {} is empty", g.groupId, g.generationId);
            storeSnapshot(g, Map.of());
            return;
        }
        LOG.info("group {}: generation {} with {} members, protocol {}, leader {}", g.groupId, g.generationId,
            g.size(), g.protocolName, g.leaderId);
        int generation = g.generationId;
        g.joinTask = timer.schedule(g.rebalanceTimeoutMs(), () -> locked(g, () -> onSyncDeadline(g, generation)));
        for (GroupMember m : g.members()) {
            if (m.awaitingJoin != null) {
                CompletableFuture<JoinGroupResponseData> waiting = m.awaitingJoin;
                m.awaitingJoin = null;
                renewSession(g, m);
                waiting.complete(joinResponse(g, m));
            }
        }
    }

    /**
     * The assignment did not arrive within the rebalance timeout: members that have not sent SyncGroup
     * (the leader among them, or the wait would be over) are removed and the rest rebalance.
     */
    private void onSyncDeadline(ConsumerGroup g, int generation) {
        g.joinTask = null;
        if (!g.is(GroupState.COMPLETING_REBALANCE) || g.generationId != generation) {
            return;
        }
        for (GroupMember m : g.memberList()) {
            if (m.awaitingSync == null) {
                LOG.info("group {}: removing member {}: no SyncGroup within the rebalance timeout", g.groupId, m.memberId);
                removeMember(g, m, Errors.UNKNOWN_MEMBER_ID);
            }
        }
        afterRemoval(g, "members did not sync generation " + generation);
    }

    private JoinGroupResponseData joinResponse(ConsumerGroup g, GroupMember member) {
        JoinGroupResponseData data = new JoinGroupResponseData().setErrorCode(Errors.NONE.code())
            .setGenerationId(g.generationId).setProtocolType(g.protocolType).setProtocolName(g.protocolName)
            .setLeader(g.leaderId).setMemberId(member.memberId).setSkipAssignment(false);
        if (g.isLeader(member.memberId)) {
            for (GroupMember m : g.members()) {
                data.members().add(new JoinGroupResponseMember().setMemberId(m.memberId)
                    .setGroupInstanceId(m.groupInstanceId).setMetadata(m.metadata(g.protocolName)));
            }
        }
        return data;
    }

    // ---- SyncGroup ----

    CompletableFuture<SyncGroupResponseData> sync(SyncGroupParams p) {
        if (registry.isClosed()) {
            return syncError(Errors.NOT_COORDINATOR);
        }
        if (p.groupId() == null || p.groupId().isEmpty()) {
            return syncError(Errors.INVALID_GROUP_ID);
        }
        return registry.withGroup(p.groupId(), false, g -> {
            if (g == null) {
                return syncError(Errors.UNKNOWN_MEMBER_ID);
            }
            if (g.isStaticMemberFenced(p.memberId(), p.groupInstanceId())) {
                return syncError(Errors.FENCED_INSTANCE_ID);
            }
            GroupMember member = g.member(p.memberId());
            if (member == null) {
                return syncError(Errors.UNKNOWN_MEMBER_ID);
            }
            if (p.generationId() != g.generationId) {
                return syncError(Errors.ILLEGAL_GENERATION);
            }
            if ((p.protocolType() != null && !p.protocolType().equals(g.protocolType))
                || (p.protocolName() != null && !p.protocolName().equals(g.protocolName))) {
                return syncError(Errors.INCONSISTENT_GROUP_PROTOCOL);
            }
            return switch (g.state()) {
                case EMPTY, DEAD -> syncError(Errors.UNKNOWN_MEMBER_ID);
                case PREPARING_REBALANCE -> syncError(Errors.REBALANCE_IN_PROGRESS);
                case STABLE -> {
                    renewSession(g, member);
                    yield CompletableFuture.completedFuture(syncResponse(g, member.assignment));
                }
                case COMPLETING_REBALANCE -> awaitAssignment(g, member, p);
            };
        });
    }

    private CompletableFuture<SyncGroupResponseData> awaitAssignment(ConsumerGroup g, GroupMember member, SyncGroupParams p) {
        if (member.awaitingSync != null) {
            member.awaitingSync.complete(syncData(Errors.REBALANCE_IN_PROGRESS)); // superseded retry
        }
        CompletableFuture<SyncGroupResponseData> result = new CompletableFuture<>();
        member.awaitingSync = result;
        renewSession(g, member);
        if (g.isLeader(member.memberId)) {
            Map<String, byte[]> assignments = new HashMap<>();
            for (GroupMember m : g.members()) {
                assignments.put(m.memberId, p.assignments().getOrDefault(m.memberId, EMPTY));
            }
            int generation = g.generationId;
            storeSnapshot(g, assignments).whenComplete((ok, error) -> locked(g, () -> onAssignmentStored(g, generation, assignments, error)));
        }
        return result;
    }

    private void onAssignmentStored(ConsumerGroup g, int generation, Map<String, byte[]> assignments, Throwable error) {
        if (!g.is(GroupState.COMPLETING_REBALANCE) || g.generationId != generation) {
            return; // a rebalance started meanwhile and already answered the waiting syncs
        }
        if (error != null) {
            failPendingSyncs(g, Errors.COORDINATOR_NOT_AVAILABLE);
            prepareRebalance(g, "storing the assignment failed: " + error.getMessage());
            return;
        }
        for (GroupMember m : g.members()) {
            m.assignment = assignments.getOrDefault(m.memberId, EMPTY);
        }
        cancelJoinTask(g);
        g.transitionTo(GroupState.STABLE);
        LOG.info("group {}: generation {} is stable", g.groupId, g.generationId);
        for (GroupMember m : g.members()) {
            if (m.awaitingSync != null) {
                CompletableFuture<SyncGroupResponseData> waiting = m.awaitingSync;
                m.awaitingSync = null;
                waiting.complete(syncResponse(g, m.assignment));
            }
        }
    }

    private void failPendingSyncs(ConsumerGroup g, Errors error) {
        for (GroupMember m : g.members()) {
            m.clearAssignment();
            if (m.awaitingSync != null) {
                CompletableFuture<SyncGroupResponseData> waiting = m.awaitingSync;
                m.awaitingSync = null;
                waiting.complete(syncData(error));
            }
        }
    }

    private SyncGroupResponseData syncResponse(ConsumerGroup g, byte[] assignment) {
        return syncData(Errors.NONE).setProtocolType(g.protocolType).setProtocolName(g.protocolName).setAssignment(assignment);
    }

    // ---- Heartbeat and LeaveGroup ----

    Errors heartbeat(String groupId, int generationId, String memberId, String groupInstanceId) {
        if (registry.isClosed()) {
            return Errors.NOT_COORDINATOR;
        }
        if (groupId == null || groupId.isEmpty()) {
            return Errors.INVALID_GROUP_ID;
        }
        return registry.withGroup(groupId, false, g -> {
            if (g == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
            if (g.isStaticMemberFenced(memberId, groupInstanceId)) {
                return Errors.FENCED_INSTANCE_ID;
            }
            GroupMember member = g.member(memberId);
            if (member == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
            if (generationId != g.generationId) {
                return Errors.ILLEGAL_GENERATION;
            }
            return switch (g.state()) {
                case EMPTY, DEAD -> Errors.UNKNOWN_MEMBER_ID;
                case PREPARING_REBALANCE -> {
                    renewSession(g, member);
                    yield Errors.REBALANCE_IN_PROGRESS;
                }
                case COMPLETING_REBALANCE, STABLE -> {
                    renewSession(g, member);
                    yield Errors.NONE;
                }
            };
        });
    }

    /** Removes one leaving member; {@code memberId} may be empty when {@code groupInstanceId} names it (v3+). */
    Errors leave(ConsumerGroup g, String memberId, String groupInstanceId) {
        String id = memberId.isEmpty() && groupInstanceId != null ? g.staticMember(groupInstanceId) : memberId;
        if (id == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        CoordinatorTimer.Task pending = g.pendingMembers.remove(id);
        if (pending != null) {
            pending.cancel();
            tryCompleteJoin(g);
            return Errors.NONE;
        }
        if (g.isStaticMemberFenced(id, groupInstanceId)) {
            return Errors.FENCED_INSTANCE_ID;
        }
        GroupMember member = g.member(id);
        if (member == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        LOG.info("group {}: member {} left", g.groupId, id);
        removeMember(g, member, Errors.UNKNOWN_MEMBER_ID);
        afterRemoval(g, "member " + id + " left");
        return Errors.NONE;
    }

    // ---- sessions ----

    /** Pushes the member's session deadline out by its session timeout (heartbeat, join, sync, commit). */
    void renewSession(ConsumerGroup g, GroupMember member) {
        member.sessionDeadlineMs = timer.nowMs() + member.sessionTimeoutMs;
        if (member.expiryTask == null) {
            member.expiryTask = timer.schedule(member.sessionTimeoutMs, () -> locked(g, () -> checkSession(g, member)));
        }
    }

    private void checkSession(ConsumerGroup g, GroupMember member) {
        member.expiryTask = null;
        if (g.member(member.memberId) != member) {
            return;
        }
        if (member.awaitingJoin != null || member.awaitingSync != null) {
            renewSession(g, member); // it is waiting on us, not gone
            return;
        }
        long left = member.sessionDeadlineMs - timer.nowMs();
        if (left > 0) {
            member.expiryTask = timer.schedule(left, () -> locked(g, () -> checkSession(g, member)));
            return;
        }
        LOG.info("group {}: member {} failed to heartbeat within its session timeout of {} ms", g.groupId,
            member.memberId, member.sessionTimeoutMs);
        removeMember(g, member, Errors.UNKNOWN_MEMBER_ID);
        afterRemoval(g, "member " + member.memberId + " session expired");
    }

    private void expirePending(ConsumerGroup g, String memberId) {
        locked(g, () -> {
            if (g.pendingMembers.remove(memberId) != null) {
                tryCompleteJoin(g);
            }
        });
    }

    private void removeMember(ConsumerGroup g, GroupMember member, Errors error) {
        if (member.expiryTask != null) {
            member.expiryTask.cancel();
            member.expiryTask = null;
        }
        if (member.awaitingJoin != null) {
            member.awaitingJoin.complete(errorData(member.memberId, error));
            member.awaitingJoin = null;
        }
        if (member.awaitingSync != null) {
            member.awaitingSync.complete(syncData(error));
            member.awaitingSync = null;
        }
        g.remove(member);
    }

    private void afterRemoval(ConsumerGroup g, String reason) {
        switch (g.state()) {
            case STABLE, COMPLETING_REBALANCE -> prepareRebalance(g, reason);
            case PREPARING_REBALANCE -> tryCompleteJoin(g);
            case EMPTY, DEAD -> { }
        }
    }

    /** Starts session timers of members restored from the store (they must heartbeat again within their timeout). */
    void startRestoredSessions(ConsumerGroup g) {
        for (GroupMember m : g.members()) {
            renewSession(g, m);
        }
    }

    /** Shutdown: stops the group's timers and answers waiting joins and syncs with NOT_COORDINATOR. */
    void abandon(ConsumerGroup g) {
        cancelJoinTask(g);
        g.pendingMembers.values().forEach(CoordinatorTimer.Task::cancel);
        g.pendingMembers.clear();
        for (GroupMember m : g.members()) {
            if (m.expiryTask != null) {
                m.expiryTask.cancel();
                m.expiryTask = null;
            }
            if (m.awaitingJoin != null) {
                m.awaitingJoin.complete(errorData(m.memberId, Errors.NOT_COORDINATOR));
                m.awaitingJoin = null;
            }
            if (m.awaitingSync != null) {
                m.awaitingSync.complete(syncData(Errors.NOT_COORDINATOR));
                m.awaitingSync = null;
            }
        }
    }

    private CompletableFuture<Void> storeSnapshot(ConsumerGroup g, Map<String, byte[]> assignments) {
        GroupSnapshot snapshot = g.snapshot(assignments, timer.wallClockMs());
        CompletableFuture<Void> stored = writer.write(g.groupId, () -> store.storeGroup(snapshot));
        stored.exceptionally(e -> {
            LOG.warn("group {}: storing generation {} failed", g.groupId, snapshot.generationId(), e);
            return null;
        });
        return stored;
    }

    private void cancelJoinTask(ConsumerGroup g) {
        if (g.joinTask != null) {
            g.joinTask.cancel();
            g.joinTask = null;
        }
    }

    /** Runs a timer or store callback under the group's monitor, unless the group is gone or the coordinator closed. */
    private void locked(ConsumerGroup g, Runnable action) {
        synchronized (g) {
            if (!g.is(GroupState.DEAD) && !registry.isClosed()) {
                action.run();
            }
        }
    }

    private static CompletableFuture<JoinGroupResponseData> joinError(String memberId, Errors error) {
        return CompletableFuture.completedFuture(errorData(memberId, error));
    }

    private static JoinGroupResponseData errorData(String memberId, Errors error) {
        return new JoinGroupResponseData().setErrorCode(error.code()).setGenerationId(-1)
            .setProtocolName(null).setProtocolType(null).setLeader("").setMemberId(memberId == null ? "" : memberId);
    }

    private static CompletableFuture<SyncGroupResponseData> syncError(Errors error) {
        return CompletableFuture.completedFuture(syncData(error));
    }

    private static SyncGroupResponseData syncData(Errors error) {
        return new SyncGroupResponseData().setErrorCode(error.code()).setAssignment(EMPTY);
    }
}
