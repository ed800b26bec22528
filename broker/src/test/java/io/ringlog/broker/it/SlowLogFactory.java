package io.ringlog.broker.it;

import io.ringlog.broker.storage.InMemoryPartitionLogFactory;
import io.ringlog.broker.storage.LogSlice;
import io.ringlog.broker.storage.PartitionLog;
import io.ringlog.broker.storage.PartitionLogConfig;
import io.ringlog.broker.storage.PartitionLogException;
import io.ringlog.broker.storage.PartitionLogFactory;
import io.ringlog.broker.storage.TimestampOffset;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;

/** The in-memory store with appends that take {@code appendMillis}, like a very slow disk. */
final class SlowLogFactory implements PartitionLogFactory {
    private final InMemoryPartitionLogFactory memory = new InMemoryPartitionLogFactory();
    private final long appendMillis;

    SlowLogFactory(long appendMillis) {
        this.appendMillis = appendMillis;
    }

    @Override
    public Set<TopicPartition> existingPartitions() {
        return memory.existingPartitions();
    }

    @Override
    public PartitionLog open(TopicPartition partition, PartitionLogConfig config) {
        PartitionLog delegate = memory.open(partition, config);
        return new PartitionLog() {
            @Override
            public long appendBatch(ByteBuffer batch) throws PartitionLogException {
                try {
                    Thread.sleep(appendMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PartitionLogException("interrupted", e);
                }
                return delegate.appendBatch(batch);
            }

            @Override
            public LogSlice read(long fromOffset, int maxBytes) throws PartitionLogException {
                return delegate.read(fromOffset, maxBytes);
            }

            @Override
            public long logStartOffset() {
                return delegate.logStartOffset();
            }

            @Override
            public long logEndOffset() {
                return delegate.logEndOffset();
            }

            @Override
            public Optional<TimestampOffset> offsetForTimestamp(long timestamp) throws PartitionLogException {
                return delegate.offsetForTimestamp(timestamp);
            }

            @Override
            public long deleteRecordsBefore(long offset) throws PartitionLogException {
                return delegate.deleteRecordsBefore(offset);
            }

            @Override
            public void close() throws PartitionLogException {
                delegate.close();
            }
        };
    }

    @Override
    public void delete(TopicPartition partition) {
        memory.delete(partition);
    }

    @Override
    public void close() {
    }
}
