package io.ringlog.broker.group.store;

import io.ringlog.broker.group.CommittedOffset;
import io.ringlog.broker.group.GroupSnapshot;

import java.util.Objects;

/**
 * One decoded record of the group log (layouts in {@link GroupLogFormat}): an upsert or a tombstone.
 * Replaying the records in log order gives the store's state.
 *
 * <p>Thread-safety: immutable.
 */
sealed interface GroupRecord {

    /** The group the record is about. */
    String groupId();

    /** Upsert of one committed offset (key type OFFSET, value present). */
    record OffsetCommit(String groupId, CommittedOffset offset) implements GroupRecord {
        public OffsetCommit {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(offset, "offset");
        }
    }

    /** Tombstone of one committed offset (key type OFFSET, null value). */
    record OffsetDeleted(String groupId, String topic, int partition) implements GroupRecord {
        public OffsetDeleted {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(topic, "topic");
        }
    }

    /** Upsert of a group's metadata (key type GROUP). */
    record GroupStored(GroupSnapshot snapshot) implements GroupRecord {
        public GroupStored {
            Objects.requireNonNull(snapshot, "snapshot");
        }

        @Override
        public String groupId() {
            return snapshot.groupId();
        }
    }

    /** The whole group is gone: metadata and every offset (key type GROUP_DELETED, null value). */
    record GroupDeleted(String groupId) implements GroupRecord {
        public GroupDeleted {
            Objects.requireNonNull(groupId, "groupId");
        }
    }
}
