package io.ringlog.broker.group.store;

import io.ringlog.broker.group.CommittedOffset;
import io.ringlog.broker.group.GroupSnapshot;
import io.ringlog.broker.group.GroupStoreState;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest state of the group log: what replaying its records in order gives. Besides the state it
 * keeps the encoded size of every live record, so the store knows how many bytes a snapshot of the
 * live state takes ({@link #liveBytes()}) and can decide when to compact.
 *
 * <p>Thread-safety: not thread-safe; {@link LogGroupStore} guards it with its own monitor.
 */
final class LiveGroupState {
    private final Map<String, Group> groups = new HashMap<>();
    private long liveBytes;

    /** One group: its metadata (or null) and its offsets, each with its record's size. */
    private static final class Group {
        GroupSnapshot snapshot;
        int snapshotBytes;
        final Map<TopicPartition, Sized> offsets = new HashMap<>();

        boolean isEmpty() {
            return snapshot == null && offsets.isEmpty();
        }
    }

    private record Sized(CommittedOffset offset, int bytes) {
    }

    /** Applies one record whose encoded size (see {@link EncodedRecord#sizeEstimate()}) is {@code bytes}. */
    void apply(GroupRecord record, int bytes) {
        switch (record) {
            case GroupRecord.OffsetCommit c -> {
                Sized old = group(c.groupId()).offsets.put(partition(c.offset()), new Sized(c.offset(), bytes));
                liveBytes += bytes - (old == null ? 0 : old.bytes());
            }
            case GroupRecord.OffsetDeleted d -> removeOffset(d.groupId(), new TopicPartition(d.topic(), d.partition()));
            case GroupRecord.GroupStored s -> {
                Group g = group(s.groupId());
                liveBytes += bytes - (g.snapshot == null ? 0 : g.snapshotBytes);
                g.snapshot = s.snapshot();
                g.snapshotBytes = bytes;
            }
            case GroupRecord.GroupDeleted d -> removeGroup(d.groupId());
        }
    }

    private Group group(String groupId) {
        return groups.computeIfAbsent(groupId, id -> new Group());
    }

    private void removeOffset(String groupId, TopicPartition tp) {
        Group g = groups.get(groupId);
        if (g == null) {
            return;
        }
        Sized old = g.offsets.remove(tp);
        if (old != null) {
            liveBytes -= old.bytes();
        }
        if (g.isEmpty()) {
            groups.remove(groupId);
        }
    }

    private void removeGroup(String groupId) {
        Group g = groups.remove(groupId);
        if (g == null) {
            return;
        }
        liveBytes -= g.snapshot == null ? 0 : g.snapshotBytes;
        for (Sized s : g.offsets.values()) {
            liveBytes -= s.bytes();
        }
    }

    private static TopicPartition partition(CommittedOffset c) {
        return new TopicPartition(c.topic(), c.partition());
    }

    /** True when the group has metadata or offsets. */
    boolean hasGroup(String groupId) {
        return groups.containsKey(groupId);
    }

    /** True when the group has a committed offset for {@code tp}. */
    boolean hasOffset(String groupId, TopicPartition tp) {
        Group g = groups.get(groupId);
        return g != null && g.offsets.containsKey(tp);
    }

    /** Bytes (record size estimates) of the live records: about what a snapshot of this state takes. */
    long liveBytes() {
        return liveBytes;
    }

    /** Number of live records: group metadata plus committed offsets. */
    int liveRecordCount() {
        int n = 0;
        for (Group g : groups.values()) {
            n += g.offsets.size() + (g.snapshot == null ? 0 : 1);
        }
        return n;
    }

    /** The live state as upserts, group by group (metadata first): replaying them alone gives this state. */
    List<GroupRecord> liveRecords() {
        List<GroupRecord> out = new ArrayList<>();
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            Group g = e.getValue();
            if (g.snapshot != null) {
                out.add(new GroupRecord.GroupStored(g.snapshot));
            }
            for (Sized s : g.offsets.values()) {
                out.add(new GroupRecord.OffsetCommit(e.getKey(), s.offset()));
            }
        }
        return out;
    }

    /** A copy of the state for {@link io.ringlog.broker.group.GroupStore#load()}. */
    GroupStoreState toState() {
        Map<String, GroupSnapshot> snapshots = new HashMap<>();
        Map<String, Map<TopicPartition, CommittedOffset>> offsets = new HashMap<>();
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            Group g = e.getValue();
            if (g.snapshot != null) {
                snapshots.put(e.getKey(), g.snapshot);
            }
            if (!g.offsets.isEmpty()) {
                Map<TopicPartition, CommittedOffset> byPartition = new HashMap<>();
                g.offsets.forEach((tp, s) -> byPartition.put(tp, s.offset()));
                offsets.put(e.getKey(), byPartition);
            }
        }
        return new GroupStoreState(snapshots, offsets);
    }
}
