package io.ringlog.broker.it;

import io.ringlog.broker.storage.InMemoryPartitionLogFactory;
import io.ringlog.broker.storage.LogSlice;
import io.ringlog.broker.storage.PartitionLog;
import io.ringlog.broker.storage.PartitionLogConfig;
import io.ringlog.broker.storage.PartitionLogException;
import io.ringlog.broker.storage.PartitionLogFactory;
import io.ringlog.broker.storage.TimestampOffset;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;

/**
 * Wraps the in-memory store so every non-empty read comes back as a {@link LogSlice.FileRegion}
 * (the bytes written to a scratch file after 100 bytes of padding), to exercise the broker's
 * zero-copy send path the way a file-backed log will.
 */
final class FileRegionLogFactory implements PartitionLogFactory {
    private final InMemoryPartitionLogFactory memory = new InMemoryPartitionLogFactory();
    private final Path dir;

    FileRegionLogFactory(Path dir) {
        this.dir = dir;
    }

    @Override
    public Set<TopicPartition> existingPartitions() {
        return memory.existingPartitions();
    }

    @Override
    public PartitionLog open(TopicPartition partition, PartitionLogConfig config) {
        return new FileRegionLog(memory.open(partition, config), dir);
    }

    @Override
    public void delete(TopicPartition partition) {
        memory.delete(partition);
    }

    @Override
    public void close() {
    }

    private record FileRegionLog(PartitionLog delegate, Path dir) implements PartitionLog {
        @Override
        public long appendBatch(ByteBuffer batch) throws PartitionLogException {
            return delegate.appendBatch(batch);
        }

        @Override
        public LogSlice read(long fromOffset, int maxBytes) throws PartitionLogException {
            LogSlice slice = delegate.read(fromOffset, maxBytes);
            if (slice.sizeInBytes() == 0) {
                return slice;
            }
            try {
                Path file = Files.createTempFile(dir, "region", ".log");
                FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
                ch.write(ByteBuffer.allocate(100), 0);
                ch.write(((LogSlice.Bytes) slice).buffer().duplicate(), 100);
                return new LogSlice.FileRegion(ch, 100, slice.sizeInBytes());
            } catch (IOException e) {
                throw new PartitionLogException("scratch file", e);
            }
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
    }
}
