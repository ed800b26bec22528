package io.ringlog.broker.group;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopics;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.OffsetFetchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Committed offsets: OffsetCommit with Kafka's generation checks, OffsetFetch, OffsetDelete and the
 * clean-up when a topic is deleted. A commit is answered only once the store made it durable, and only
 * then becomes visible to OffsetFetch.
 *
 * <p>Thread-safety: thread-safe; group state is read and written under the group's monitor.
 */
final class OffsetManager {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetManager.class);

    private final GroupRegistry registry;
    private final GroupSettings settings;
    private final CoordinatorTimer timer;
    private final StoreWriter writer;
    private final GroupStore store;
    private final Rebalancer rebalancer;

    OffsetManager(GroupRegistry registry, GroupSettings settings, CoordinatorTimer timer, StoreWriter writer,
                  GroupStore store, Rebalancer rebalancer) {
        this.registry = registry;
        this.settings = settings;
        this.timer = timer;
        this.writer = writer;
        this.store = store;
        this.rebalancer = rebalancer;
    }

    /**
     * Commits offsets. A generation below 0 with an empty member id is a client outside group management
     * (assign() plus commitSync, or an admin client): accepted while the group has no members.
     */
    CompletableFuture<Map<TopicPartition, Errors>> commit(String groupId, int generationId, String memberId,
                                                          String groupInstanceId, List<OffsetCommitEntry> entries) {
        if (registry.isClosed()) {
            return all(entries, Errors.NOT_COORDINATOR);
        }
        if (groupId == null) {
            return all(entries, Errors.INVALID_GROUP_ID);
        }
        return registry.withGroup(groupId, generationId < 0, g -> {
            if (g == null) {
                return all(entries, Errors.ILLEGAL_GENERATION); // a generation of a group that no longer exists
            }
            Errors error = validateCommit(g, generationId, memberId, groupInstanceId);
            if (error != Errors.NONE) {
                return all(entries, error);
            }
            GroupMember member = g.member(memberId);
            if (member != null) {
                rebalancer.renewSession(g, member);
            }
            return store(g, entries);
        });
    }

    private static Errors validateCommit(ConsumerGroup g, int generationId, String memberId, String groupInstanceId) {
        if (g.isStaticMemberFenced(memberId, groupInstanceId)) {
            return Errors.FENCED_INSTANCE_ID;
        }
        if (generationId < 0 && g.is(GroupState.EMPTY)) {
            return Errors.NONE;
        }
        if (!g.has(memberId)) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (generationId != g.generationId) {
            return Errors.ILLEGAL_GENERATION;
        }
        if (g.is(GroupState.COMPLETING_REBALANCE)) {
            return Errors.REBALANCE_IN_PROGRESS; // it has the new generation but not yet its assignment
        }
        return Errors.NONE;
    }

    private CompletableFuture<Map<TopicPartition, Errors>> store(ConsumerGroup g, List<OffsetCommitEntry> entries) {
        Map<TopicPartition, Errors> result = new LinkedHashMap<>();
        List<CommittedOffset> valid = new ArrayList<>();
        long now = timer.wallClockMs();
        for (OffsetCommitEntry e : entries) {
            String metadata = e.metadata() == null ? "" : e.metadata();
            if (metadata.length() > settings.offsetMetadataMaxBytes()) {
                result.put(e.partition(), Errors.OFFSET_METADATA_TOO_LARGE);
            } else if (e.offset() < 0) {
                result.put(e.partition(), Errors.OFFSET_OUT_OF_RANGE);
            } else {
                valid.add(new CommittedOffset(e.partition().topic(), e.partition().partition(), e.offset(),
                    e.leaderEpoch(), metadata, now));
                result.put(e.partition(), Errors.NONE);
            }
        }
        if (valid.isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        return writer.write(g.groupId, () -> store.commitOffsets(g.groupId, valid)).handle((ok, error) -> {
            synchronized (g) {
                if (error == null && !g.is(GroupState.DEAD)) {
                    valid.forEach(c -> g.offsets.put(new TopicPartition(c.topic(), c.partition()), c));
                }
            }
            if (error != null) {
                LOG.warn("group {}: storing {} committed offsets failed", g.groupId, valid.size(), error);
                valid.forEach(c -> result.put(new TopicPartition(c.topic(), c.partition()), Errors.COORDINATOR_NOT_AVAILABLE));
            }
            return result;
        });
    }

    /**
     * The committed offsets of {@code partitions} (null: all the group has), -1 for partitions without
     * one. require_stable needs no wait: there are no transactional offset commits.
     */
    OffsetFetchResponseGroup fetch(String groupId, List<TopicPartition> partitions) {
        OffsetFetchResponseGroup out = new OffsetFetchResponseGroup().setGroupId(groupId).setErrorCode(Errors.NONE.code());
        if (registry.isClosed()) {
            return out.setErrorCode(Errors.NOT_COORDINATOR.code());
        }
        if (groupId == null) {
            return out.setErrorCode(Errors.INVALID_GROUP_ID.code());
        }
        Map<TopicPartition, CommittedOffset> found = registry.withGroup(groupId, false, g -> {
            Map<TopicPartition, CommittedOffset> copy = new LinkedHashMap<>();
            if (g != null) {
                if (partitions == null) {
                    copy.putAll(g.offsets);
                } else {
                    partitions.forEach(tp -> copy.put(tp, g.offsets.get(tp)));
                }
            } else if (partitions != null) {
                partitions.forEach(tp -> copy.put(tp, null));
            }
            return copy;
        });
        Map<String, OffsetFetchResponseTopics> topics = new TreeMap<>();
        found.forEach((tp, c) -> topics.computeIfAbsent(tp.topic(), t -> new OffsetFetchResponseTopics().setName(t))
            .partitions().add(new OffsetFetchResponsePartitions().setPartitionIndex(tp.partition())
                .setCommittedOffset(c == null ? OffsetFetchResponse.INVALID_OFFSET : c.offset())
                .setCommittedLeaderEpoch(c == null ? -1 : c.leaderEpoch())
                .setMetadata(c == null ? OffsetFetchResponse.NO_METADATA : c.metadata())
                .setErrorCode(Errors.NONE.code())));
        out.topics().addAll(topics.values());
        return out;
    }

    /** OffsetDelete: the result's top-level error, and per partition errors when that is NONE. */
    record DeleteResult(Errors error, Map<TopicPartition, Errors> partitions) {
    }

    CompletableFuture<DeleteResult> delete(String groupId, List<TopicPartition> partitions) {
        if (registry.isClosed()) {
            return CompletableFuture.completedFuture(new DeleteResult(Errors.NOT_COORDINATOR, Map.of()));
        }
        if (groupId == null || groupId.isEmpty()) {
            return CompletableFuture.completedFuture(new DeleteResult(Errors.INVALID_GROUP_ID, Map.of()));
        }
        return registry.withGroup(groupId, false, g -> {
            if (g == null) {
                return CompletableFuture.completedFuture(new DeleteResult(Errors.GROUP_ID_NOT_FOUND, Map.of()));
            }
            Set<String> subscribed = Set.of();
            if (!g.is(GroupState.EMPTY)) {
                if (!ConsumerGroup.CONSUMER_PROTOCOL_TYPE.equals(g.protocolType)) {
                    return CompletableFuture.completedFuture(new DeleteResult(Errors.NON_EMPTY_GROUP, Map.of()));
                }
                subscribed = g.subscribedTopics().orElse(null);
            }
            Map<TopicPartition, Errors> result = new LinkedHashMap<>();
            List<TopicPartition> deletable = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                boolean inUse = subscribed == null || subscribed.contains(tp.topic());
                result.put(tp, inUse ? Errors.GROUP_SUBSCRIBED_TO_TOPIC : Errors.NONE);
                if (!inUse && g.offsets.containsKey(tp)) {
                    deletable.add(tp);
                }
            }
            if (deletable.isEmpty()) {
                return CompletableFuture.completedFuture(new DeleteResult(Errors.NONE, result));
            }
            return writer.write(g.groupId, () -> store.deleteOffsets(g.groupId, deletable)).handle((ok, error) -> {
                if (error != null) {
                    LOG.warn("group {}: deleting {} committed offsets failed", g.groupId, deletable.size(), error);
                    return new DeleteResult(Errors.COORDINATOR_NOT_AVAILABLE, Map.of());
                }
                synchronized (g) {
                    deletable.forEach(g.offsets::remove);
                }
                return new DeleteResult(Errors.NONE, result);
            });
        });
    }

    /** Drops every group's offsets of a deleted topic (in memory at once, in the store in order with later writes). */
    void onTopicDeleted(String topic) {
        for (ConsumerGroup g : registry.all()) {
            synchronized (g) {
                List<TopicPartition> gone = g.offsets.keySet().stream().filter(tp -> tp.topic().equals(topic)).toList();
                if (gone.isEmpty() || g.is(GroupState.DEAD)) {
                    continue;
                }
                gone.forEach(g.offsets::remove);
                writer.write(g.groupId, () -> store.deleteOffsets(g.groupId, gone)).exceptionally(e -> {
                    LOG.warn("group {}: deleting the offsets of deleted topic {} failed", g.groupId, topic, e);
                    return null;
                });
            }
        }
    }

    private static CompletableFuture<Map<TopicPartition, Errors>> all(List<OffsetCommitEntry> entries, Errors error) {
        Map<TopicPartition, Errors> result = new LinkedHashMap<>();
        entries.forEach(e -> result.put(e.partition(), error));
        return CompletableFuture.completedFuture(result);
    }
}
