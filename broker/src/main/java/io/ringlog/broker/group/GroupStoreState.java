package io.ringlog.broker.group;

import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/**
 * What a {@link GroupStore} recovered: the latest metadata of each group and the latest committed
 * offsets of each group. A group may have offsets without metadata (offsets committed by a client that
 * never joined, as with {@code assign()} plus commitSync) and metadata without offsets.
 *
 * <p>Thread-safety: immutable (maps are copied).
 *
 * @param groups  group id to its latest snapshot
 * @param offsets group id to partition to committed offset
 */
public record GroupStoreState(Map<String, GroupSnapshot> groups,
                              Map<String, Map<TopicPartition, CommittedOffset>> offsets) {
    public GroupStoreState {
        groups = Map.copyOf(groups);
        offsets = offsets.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
            Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
    }

    /** Nothing stored. */
    public static GroupStoreState empty() {
        return new GroupStoreState(Map.of(), Map.of());
    }
}
