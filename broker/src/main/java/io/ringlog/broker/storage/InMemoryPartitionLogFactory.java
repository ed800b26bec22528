package io.ringlog.broker.storage;

import org.apache.kafka.common.TopicPartition;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates {@link InMemoryPartitionLog}s: a test and development store, NOT durable. Nothing
 * survives the process, so {@link #existingPartitions()} only reports partitions opened (and not
 * deleted) through this instance, which lets a test restart a broker over the same factory.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class InMemoryPartitionLogFactory implements PartitionLogFactory {
    private final ConcurrentHashMap<TopicPartition, InMemoryPartitionLog> logs = new ConcurrentHashMap<>();

    @Override
    public Set<TopicPartition> existingPartitions() {
        return Set.copyOf(logs.keySet());
    }

    @Override
    public PartitionLog open(TopicPartition partition, PartitionLogConfig config) {
        return new ReopenableView(logs.computeIfAbsent(partition, tp -> new InMemoryPartitionLog(tp.toString())));
    }

    @Override
    public void delete(TopicPartition partition) {
        InMemoryPartitionLog log = logs.remove(partition);
        if (log != null) {
            log.close();
        }
    }

    @Override
    public void close() {
        // Nothing held beyond the logs themselves.
    }

    /** A handle whose close does not destroy the shared in-memory data, so a reopen sees it again. */
    private record ReopenableView(InMemoryPartitionLog log) implements PartitionLog {
        @Override
        public long appendBatch(java.nio.ByteBuffer batch) throws PartitionLogException {
            return log.appendBatch(batch);
        }

        @Override
        public LogSlice read(long fromOffset, int maxBytes) throws PartitionLogException {
            return log.read(fromOffset, maxBytes);
        }

        @Override
        public long logStartOffset() {
            return log.logStartOffset();
        }

        @Override
        public long logEndOffset() {
            return log.logEndOffset();
        }

        @Override
        public java.util.Optional<TimestampOffset> offsetForTimestamp(long timestamp) throws PartitionLogException {
            return log.offsetForTimestamp(timestamp);
        }

        @Override
        public long deleteRecordsBefore(long offset) throws PartitionLogException {
            return log.deleteRecordsBefore(offset);
        }

        @Override
        public void close() {
            // The data stays in the factory until delete(); see the class comment.
        }
    }
}
