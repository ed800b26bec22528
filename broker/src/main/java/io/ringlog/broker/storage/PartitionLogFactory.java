package io.ringlog.broker.storage;

import io.ringlog.broker.group.GroupStore;
import io.ringlog.broker.group.GroupStoreException;
import org.apache.kafka.common.TopicPartition;

import java.util.Set;

/**
 * Creates, reopens and deletes the {@link PartitionLog}s of one broker. A durable factory keeps each
 * partition in a directory {@code <topic>-<partition>} under the data directory; topic names reach it
 * already validated ({@code [a-zA-Z0-9._-]}, at most 249 characters, not "." or ".."), so they can
 * never escape that directory.
 *
 * <p>Thread-safety: implementations must be thread-safe; the broker never opens or deletes the
 * same partition from two threads at once.
 */
public interface PartitionLogFactory extends AutoCloseable {

    /** Partitions that already exist (found on disk at startup), so the broker can reopen them. */
    Set<TopicPartition> existingPartitions() throws PartitionLogException;

    /** Opens the partition's log, creating it empty if it does not exist. */
    PartitionLog open(TopicPartition partition, PartitionLogConfig config) throws PartitionLogException;

    /** Deletes the partition's data; the log must have been closed first. Deleting twice is a no-op. */
    void delete(TopicPartition partition) throws PartitionLogException;

    /**
     * Opens the store for consumer-group state that belongs with these partitions: a durable factory
     * returns a durable store next to its partitions (the log-core store: {@code <dataDir>/__ringlog_groups});
     * the default, for test stores, keeps group state in memory. Called once by the broker at start;
     * the broker closes the returned store before it closes this factory.
     */
    default GroupStore openGroupStore() throws GroupStoreException {
        return GroupStore.inMemory();
    }

    /** Releases what the factory itself holds (not the logs it opened); safe to call twice. */
    @Override
    void close() throws PartitionLogException;
}
