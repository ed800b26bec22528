package io.ringlog.broker.storage;

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

    /** Releases what the factory itself holds (not the logs it opened); safe to call twice. */
    @Override
    void close() throws PartitionLogException;
}
