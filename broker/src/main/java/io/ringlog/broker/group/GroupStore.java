package io.ringlog.broker.group;

import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.List;

/**
 * Durable home of consumer-group state: committed offsets and the metadata of each group's current
 * generation. The group coordinator keeps the live state in memory and writes every change here
 * before it answers the client, so a restart (clean or kill -9) restores what was acknowledged.
 *
 * <p>Every write method returns only once the change is durable (or throws, in which case nothing
 * may be assumed about it and the coordinator answers the client with an error). Later writes for the
 * same key supersede earlier ones; {@link #load()} returns only the latest state.
 *
 * <p>Thread-safety: implementations must be thread-safe; writes for one group arrive in the order
 * the coordinator made the changes (the coordinator serialises per group), writes for different groups
 * may arrive concurrently.
 */
public interface GroupStore extends AutoCloseable {

    /**
     * The state recovered at open: every group's latest metadata and committed offsets. Called once,
     * by the coordinator at broker start, before any write.
     */
    GroupStoreState load() throws GroupStoreException;

    /** Stores (upserts) committed offsets of one group. Durable on return. */
    void commitOffsets(String groupId, List<CommittedOffset> offsets) throws GroupStoreException;

    /** Removes committed offsets of one group (OffsetDelete, topic deletion). Durable on return. */
    void deleteOffsets(String groupId, Collection<TopicPartition> partitions) throws GroupStoreException;

    /** Stores (replaces) the metadata of one group's current generation. Durable on return. */
    void storeGroup(GroupSnapshot group) throws GroupStoreException;

    /** Removes a group: its metadata and all its committed offsets (DeleteGroups). Durable on return. */
    void deleteGroup(String groupId) throws GroupStoreException;

    /** Releases files and threads; idempotent. */
    @Override
    void close() throws GroupStoreException;

    /** A store that keeps everything in memory: for tests only, never durable. */
    static GroupStore inMemory() {
        return new InMemoryGroupStore();
    }
}
