package io.ringlog.broker.topic;

import io.ringlog.broker.storage.LogSlice;
import io.ringlog.broker.storage.PartitionLog;
import io.ringlog.broker.storage.PartitionLogException;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordBatch;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Rebuilds a partition's idempotent-producer state after a restart by reading the headers of the
 * batches in the log's tail (the last {@value #WINDOW_OFFSETS} offsets): a producer that wrote
 * there continues its sequence, and a retry of one of its last 5 batches is still recognised.
 * A producer that last wrote before the window is unknown again; its next batch must start a new
 * epoch or gets OUT_OF_ORDER_SEQUENCE_NUMBER. Kafka keeps snapshots instead; a store that keeps
 * producer snapshots can replace this scan.
 *
 * <p>Thread-safety: stateless; called on the partition's serial executor before its first append.
 */
final class ProducerStateLoader {
    /** How far back the scan reaches, in offsets; with 1 KiB records about 10 MiB of reading. */
    static final long WINDOW_OFFSETS = 10_000;
    private static final int READ_BYTES = 1 << 20;

    private ProducerStateLoader() {
    }

    /** @return the number of batches scanned */
    static int rebuild(PartitionLog log, ProducerStateTable table) throws PartitionLogException {
        long end = log.logEndOffset();
        long from = Math.max(log.logStartOffset(), end - WINDOW_OFFSETS);
        int batches = 0;
        while (from < end) {
            ByteBuffer bytes = bytesOf(log.read(from, READ_BYTES));
            long next = from;
            for (RecordBatch b : MemoryRecords.readableRecords(bytes).batches()) {
                table.record(b, b.baseOffset());
                next = b.nextOffset();
                batches++;
            }
            if (next <= from) {
                break; // nothing readable: do not spin
            }
            from = next;
        }
        return batches;
    }

    private static ByteBuffer bytesOf(LogSlice slice) throws PartitionLogException {
        return switch (slice) {
            case LogSlice.Bytes b -> b.buffer().duplicate();
            case LogSlice.FileRegion f -> {
                ByteBuffer buf = ByteBuffer.allocate(f.size());
                try {
                    while (buf.hasRemaining()) {
                        if (f.channel().read(buf, f.position() + buf.position()) < 0) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    throw new PartitionLogException("reading the log tail for producer state", e);
                }
                yield buf.flip();
            }
        };
    }
}
