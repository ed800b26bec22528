package io.ringlog.broker.storage;

import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A heap-only {@link PartitionLog} for tests and development: NOT durable, data is lost when the
 * process exits, and it ignores segment size and retention. Never the default store of
 * {@code bin/ringlog broker}.
 *
 * <p>Thread-safety: thread-safe. Appends and deletes are serialised by the instance lock; readers
 * use the concurrent map and the volatile end offset, which is written after the batch is in the
 * map (the volatile store publishes the map insertion to readers that load it first).
 */
public final class InMemoryPartitionLog implements PartitionLog {
    private final String name;
    private final ConcurrentSkipListMap<Long, ByteBuffer> batches = new ConcurrentSkipListMap<>();
    private volatile long logStartOffset;
    private volatile long logEndOffset;
    private volatile boolean closed;

    /** Creates an empty log; {@code name} only appears in error messages. */
    public InMemoryPartitionLog(String name) {
        this.name = name;
    }

    @Override
    public synchronized long appendBatch(ByteBuffer batch) throws PartitionLogException {
        ensureOpen();
        ByteBuffer copy = ByteBuffer.allocate(batch.remaining());
        copy.put(batch.duplicate()).flip();
        MutableRecordBatch view = onlyBatch(copy);
        long base = logEndOffset;
        view.setLastOffset(base + (view.lastOffset() - view.baseOffset()));
        view.setPartitionLeaderEpoch(0);
        batches.put(base, copy.asReadOnlyBuffer());
        logEndOffset = view.nextOffset(); // volatile store: publishes the put above to readers
        return base;
    }

    @Override
    public LogSlice read(long fromOffset, int maxBytes) throws PartitionLogException {
        ensureOpen();
        long end = logEndOffset; // volatile load first: every batch below it is in the map
        long start = logStartOffset;
        if (fromOffset < start || fromOffset > end) {
            throw new OffsetOutOfRangeException(fromOffset, start, end);
        }
        if (fromOffset == end) {
            return LogSlice.empty();
        }
        Long first = batches.floorKey(fromOffset);
        Map<Long, ByteBuffer> tail = batches.subMap(first == null ? fromOffset : first, true, end, false);
        int total = 0;
        int count = 0;
        for (ByteBuffer b : tail.values()) {
            if (count > 0 && total + b.remaining() > maxBytes) {
                break;
            }
            total += b.remaining();
            count++;
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        for (ByteBuffer b : tail.values()) {
            if (count-- == 0) {
                break;
            }
            out.put(b.duplicate());
        }
        return new LogSlice.Bytes(out.flip());
    }

    @Override
    public long logStartOffset() {
        return logStartOffset;
    }

    @Override
    public long logEndOffset() {
        return logEndOffset;
    }

    @Override
    public Optional<TimestampOffset> offsetForTimestamp(long timestamp) throws PartitionLogException {
        ensureOpen();
        long start = logStartOffset;
        long end = logEndOffset;
        for (ByteBuffer b : batches.headMap(end, false).values()) {
            RecordBatch batch = onlyBatch(b.duplicate());
            if (batch.lastOffset() < start || batch.maxTimestamp() < timestamp) {
                continue;
            }
            for (Record r : batch) {
                if (r.offset() >= start && r.timestamp() >= timestamp) {
                    return Optional.of(new TimestampOffset(r.timestamp(), r.offset()));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized long deleteRecordsBefore(long offset) throws PartitionLogException {
        ensureOpen();
        if (offset > logEndOffset) {
            throw new OffsetOutOfRangeException(offset, logStartOffset, logEndOffset);
        }
        if (offset > logStartOffset) {
            logStartOffset = offset;
            while (!batches.isEmpty()) {
                Map.Entry<Long, ByteBuffer> e = batches.firstEntry();
                if (onlyBatch(e.getValue().duplicate()).nextOffset() > offset) {
                    break;
                }
                batches.remove(e.getKey());
            }
        }
        return logStartOffset;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void ensureOpen() throws PartitionLogException {
        if (closed) {
            throw new PartitionLogException(name + ": log is closed");
        }
    }

    private static MutableRecordBatch onlyBatch(ByteBuffer buffer) {
        return MemoryRecords.readableRecords(buffer).batches().iterator().next();
    }
}
