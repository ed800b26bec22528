package io.ringlog.broker.group;

import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link GroupStore} in memory, for tests: it survives a broker restart in the same JVM when the
 * same instance is passed again, which lets coordinator tests exercise the load path without disk.
 * Not durable.
 *
 * <p>Thread-safety: thread-safe (every method is synchronized).
 */
final class InMemoryGroupStore implements GroupStore {
    private final Map<String, GroupSnapshot> groups = new HashMap<>();
    private final Map<String, Map<TopicPartition, CommittedOffset>> offsets = new HashMap<>();

    @Override
    public synchronized GroupStoreState load() {
        return new GroupStoreState(groups, offsets);
    }

    @Override
    public synchronized void commitOffsets(String groupId, List<CommittedOffset> committed) {
        Map<TopicPartition, CommittedOffset> byPartition = offsets.computeIfAbsent(groupId, g -> new HashMap<>());
        for (CommittedOffset c : committed) {
            byPartition.put(new TopicPartition(c.topic(), c.partition()), c);
        }
    }

    @Override
    public synchronized void deleteOffsets(String groupId, Collection<TopicPartition> partitions) {
        Map<TopicPartition, CommittedOffset> byPartition = offsets.get(groupId);
        if (byPartition != null) {
            partitions.forEach(byPartition::remove);
            if (byPartition.isEmpty()) {
                offsets.remove(groupId);
            }
        }
    }

    @Override
    public synchronized void storeGroup(GroupSnapshot group) {
        groups.put(group.groupId(), group);
    }

    @Override
    public synchronized void deleteGroup(String groupId) {
        groups.remove(groupId);
        offsets.remove(groupId);
    }

    @Override
    public void close() {
        // nothing held
    }
}
