package io.ringlog.broker.group;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroupMember;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData.ListedGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeGroupsResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * The group coordinator of this single node: every group's live state in memory, each change written
 * to a {@link GroupStore} before the client hears of it. Entry point for the group request handlers;
 * the protocol itself is in {@link Rebalancer} (membership) and {@link OffsetManager} (offsets).
 * Nothing here blocks the calling thread: store writes run on the given pool, deadlines on the timer.
 *
 * <p>Restart: {@link #load} rebuilds each stored group as it was last stored. A group stored with
 * members (at the end of a rebalance) comes back Stable with the same generation, members and
 * assignments, and each member's session timer restarts, as in Kafka: consumers that outlived the
 * broker carry on heartbeating and committing without a rebalance; members that are gone expire after
 * their session timeout and the group rebalances.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class GroupCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCoordinator.class);
    /** The group type ListGroups v5 reports for classic groups. */
    public static final String CLASSIC_GROUP_TYPE = "classic";

    private final GroupStore store;
    private final GroupRegistry registry = new GroupRegistry();
    private final StoreWriter writer;
    private final Rebalancer rebalancer;
    private final OffsetManager offsets;

    /**
     * @param store    where group state is made durable (not owned: the caller closes it)
     * @param settings the group.* settings
     * @param timer    deadlines
     * @param ioPool   runs the blocking store writes
     */
    public GroupCoordinator(GroupStore store, GroupSettings settings, CoordinatorTimer timer, Executor ioPool) {
        this.store = store;
        this.writer = new StoreWriter(ioPool);
        this.rebalancer = new Rebalancer(registry, settings, timer, writer, store);
        this.offsets = new OffsetManager(registry, settings, timer, writer, store, rebalancer);
    }

    /**
     * Rebuilds the groups from the store (blocking; call once before serving). Offsets of topics that no
     * longer exist ({@code topicExists} false) are deleted from the store.
     */
    public void load(Predicate<String> topicExists) throws GroupStoreException {
        GroupStoreState state = store.load();
        for (GroupSnapshot s : state.groups().values()) {
            ConsumerGroup g = ConsumerGroup.restore(s);
            synchronized (g) {
                rebalancer.startRestoredSessions(g);
            }
            registry.put(g);
        }
        int offsetCount = 0;
        for (Map.Entry<String, Map<TopicPartition, CommittedOffset>> e : state.offsets().entrySet()) {
            ConsumerGroup g = registry.withGroup(e.getKey(), true, x -> x);
            List<TopicPartition> stale = new ArrayList<>();
            synchronized (g) {
                e.getValue().forEach((tp, c) -> {
                    if (topicExists.test(tp.topic())) {
                        g.offsets.put(tp, c);
                    } else {
                        stale.add(tp);
                    }
                });
                offsetCount += g.offsets.size();
            }
            if (!stale.isEmpty()) {
                store.deleteOffsets(e.getKey(), stale);
            }
        }
        LOG.info("loaded {} groups with {} committed offsets", registry.all().size(), offsetCount);
    }

    public CompletableFuture<JoinGroupResponseData> joinGroup(JoinGroupParams params) {
        return rebalancer.join(params);
    }

    public CompletableFuture<SyncGroupResponseData> syncGroup(SyncGroupParams params) {
        return rebalancer.sync(params);
    }

    public Errors heartbeat(String groupId, int generationId, String memberId, String groupInstanceId) {
        return rebalancer.heartbeat(groupId, generationId, memberId, groupInstanceId);
    }

    /** One member of a LeaveGroup request (immutable). */
    public record LeavingMember(String memberId, String groupInstanceId) {
    }

    /**
     * LeaveGroup: the top-level error and, when it is NONE, one error per leaving member in request order
     * (immutable).
     */
    public record LeaveResult(Errors error, List<Errors> members) {
    }

    public LeaveResult leaveGroup(String groupId, List<LeavingMember> leaving) {
        if (registry.isClosed()) {
            return new LeaveResult(Errors.NOT_COORDINATOR, List.of());
        }
        if (groupId == null || groupId.isEmpty()) {
            return new LeaveResult(Errors.INVALID_GROUP_ID, List.of());
        }
        return registry.withGroup(groupId, false, g -> {
            List<Errors> errors = new ArrayList<>();
            for (LeavingMember m : leaving) {
                errors.add(g == null ? Errors.UNKNOWN_MEMBER_ID : rebalancer.leave(g, m.memberId(), m.groupInstanceId()));
            }
            return new LeaveResult(Errors.NONE, errors);
        });
    }

    public CompletableFuture<Map<TopicPartition, Errors>> commitOffsets(String groupId, int generationId, String memberId,
                                                                        String groupInstanceId, List<OffsetCommitEntry> entries) {
        return offsets.commit(groupId, generationId, memberId, groupInstanceId, entries);
    }

    /** @param partitions the partitions asked for, or null for every partition the group has an offset for */
    public OffsetFetchResponseGroup fetchOffsets(String groupId, List<TopicPartition> partitions) {
        return offsets.fetch(groupId, partitions);
    }

    /** OffsetDelete: top-level error, and per-partition errors when that is NONE (immutable). */
    public record OffsetDeleteResult(Errors error, Map<TopicPartition, Errors> partitions) {
    }

    public CompletableFuture<OffsetDeleteResult> deleteOffsets(String groupId, List<TopicPartition> partitions) {
        return offsets.delete(groupId, partitions).thenApply(r -> new OffsetDeleteResult(r.error(), r.partitions()));
    }

    /** Called after a topic was deleted: every group forgets its offsets for it. */
    public void onTopicDeleted(String topic) {
        offsets.onTopicDeleted(topic);
    }

    /**
     * ListGroups.
     *
     * @param states lower-case state names to keep, empty for all
     * @param types  lower-case group types to keep, empty for all (every group here is {@value #CLASSIC_GROUP_TYPE})
     */
    public List<ListedGroup> listGroups(Set<String> states, Set<String> types) {
        List<ListedGroup> out = new ArrayList<>();
        if (!types.isEmpty() && !types.contains(CLASSIC_GROUP_TYPE)) {
            return out;
        }
        for (ConsumerGroup g : registry.all()) {
            synchronized (g) {
                String state = g.state().kafkaName();
                if (!g.is(GroupState.DEAD) && (states.isEmpty() || states.contains(state.toLowerCase(java.util.Locale.ROOT)))) {
                    out.add(new ListedGroup().setGroupId(g.groupId).setProtocolType(g.protocolType == null ? "" : g.protocolType)
                        .setGroupState(state).setGroupType(CLASSIC_GROUP_TYPE));
                }
            }
        }
        return out;
    }

    /**
     * DescribeGroups for one group. Members' metadata and assignments are shown only when Stable, as in
     * Kafka. An unknown group is Dead with NONE, or GROUP_ID_NOT_FOUND when {@code notFoundIsError} (v6+).
     */
    public DescribedGroup describeGroup(String groupId, boolean notFoundIsError) {
        if (registry.isClosed()) {
            return DescribeGroupsResponse.groupError(groupId, Errors.NOT_COORDINATOR);
        }
        if (groupId == null) {
            return DescribeGroupsResponse.groupError("", Errors.INVALID_GROUP_ID);
        }
        return registry.withGroup(groupId, false, g -> {
            if (g == null) {
                return notFoundIsError
                    ? DescribeGroupsResponse.groupError(groupId, Errors.GROUP_ID_NOT_FOUND, "Group " + groupId + " not found.")
                    : new DescribedGroup().setGroupId(groupId).setErrorCode(Errors.NONE.code())
                        .setGroupState(GroupState.DEAD.kafkaName()).setProtocolType("").setProtocolData("")
                        .setAuthorizedOperations(DescribeGroupsResponse.AUTHORIZED_OPERATIONS_OMITTED);
            }
            boolean stable = g.is(GroupState.STABLE);
            List<DescribedGroupMember> members = new ArrayList<>();
            for (GroupMember m : g.members()) {
                members.add(new DescribedGroupMember().setMemberId(m.memberId).setGroupInstanceId(m.groupInstanceId)
                    .setClientId(m.clientId).setClientHost(m.clientHost)
                    .setMemberMetadata(stable ? m.metadata(g.protocolName) : new byte[0])
                    .setMemberAssignment(stable ? m.assignment : new byte[0]));
            }
            return new DescribedGroup().setGroupId(groupId).setErrorCode(Errors.NONE.code())
                .setGroupState(g.state().kafkaName()).setProtocolType(g.protocolType == null ? "" : g.protocolType)
                .setProtocolData(stable ? g.protocolName : "").setMembers(members)
                .setAuthorizedOperations(DescribeGroupsResponse.AUTHORIZED_OPERATIONS_OMITTED);
        });
    }

    /** DeleteGroups: only groups without members; each deletion is durable before it is answered. */
    public CompletableFuture<Map<String, Errors>> deleteGroups(List<String> groupIds) {
        Map<String, CompletableFuture<Errors>> pending = new LinkedHashMap<>();
        for (String id : groupIds) {
            pending.put(id, deleteGroup(id));
        }
        return CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<String, Errors> out = new LinkedHashMap<>();
            pending.forEach((id, f) -> out.put(id, f.join()));
            return out;
        });
    }

    private CompletableFuture<Errors> deleteGroup(String groupId) {
        if (registry.isClosed()) {
            return CompletableFuture.completedFuture(Errors.NOT_COORDINATOR);
        }
        if (groupId == null) {
            return CompletableFuture.completedFuture(Errors.INVALID_GROUP_ID);
        }
        return registry.withGroup(groupId, false, g -> {
            if (g == null) {
                return CompletableFuture.completedFuture(Errors.GROUP_ID_NOT_FOUND);
            }
            if (!g.is(GroupState.EMPTY)) {
                return CompletableFuture.completedFuture(Errors.NON_EMPTY_GROUP);
            }
            rebalancer.abandon(g);
            registry.remove(g);
            LOG.info("group {}: deleted", groupId);
            return writer.write(groupId, () -> store.deleteGroup(groupId)).handle((ok, error) -> {
                if (error != null) {
                    LOG.warn("group {}: deleting it from the store failed", groupId, error);
                    return Errors.COORDINATOR_NOT_AVAILABLE;
                }
                return Errors.NONE;
            });
        });
    }

    /**
     * Stops the coordinator: later requests get NOT_COORDINATOR, waiting joins and syncs are answered with
     * it, timers stop. Store writes already queued still complete. Idempotent.
     */
    public void shutdown() {
        registry.close();
        for (ConsumerGroup g : registry.all()) {
            synchronized (g) {
                rebalancer.abandon(g);
            }
        }
    }
}
