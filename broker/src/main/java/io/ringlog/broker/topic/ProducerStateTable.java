package io.ringlog.broker.topic;

import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.RecordBatch;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Idempotent-producer state of one partition: per producer id the current epoch and the last
 * {@value #CACHED_BATCHES} appended batches (sequence range and base offset), as Kafka keeps them, so
 * a retried batch is answered with its original offset instead of being stored twice.
 *
 * <p>Not persisted: after a restart {@link ProducerStateLoader} rebuilds it from the log tail.
 *
 * <p>Thread-safety: not thread-safe; confined to its partition's {@link SerialExecutor}.
 */
final class ProducerStateTable {
    static final int CACHED_BATCHES = 5;

    private final Map<Long, ProducerEntry> producers = new HashMap<>();

    /** The verdict on a batch before it is appended. */
    sealed interface Check permits Accept, Duplicate, Reject {
    }

    /** Append it (and then call {@link #record}). */
    record Accept() implements Check {
    }

    /** Already stored at {@code baseOffset}: answer success without appending. */
    record Duplicate(long baseOffset) implements Check {
    }

    /** Refuse with this error. */
    record Reject(Errors error, String message) implements Check {
    }

    private record CachedBatch(int firstSeq, int lastSeq, long baseOffset) {
    }

    private static final class ProducerEntry {
        short epoch;
        final ArrayDeque<CachedBatch> batches = new ArrayDeque<>(CACHED_BATCHES);
    }

    Check check(RecordBatch batch) {
        if (!batch.hasProducerId()) {
            return new Accept();
        }
        ProducerEntry entry = producers.get(batch.producerId());
        int firstSeq = batch.baseSequence();
        if (entry == null || batch.producerEpoch() > entry.epoch) {
            return firstSeq == 0 ? new Accept() : new Reject(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER,
                "new producer " + batch.producerId() + " epoch " + batch.producerEpoch() + " must start at sequence 0, got " + firstSeq);
        }
        if (batch.producerEpoch() < entry.epoch) {
            return new Reject(Errors.INVALID_PRODUCER_EPOCH,
                "producer " + batch.producerId() + " epoch " + batch.producerEpoch() + " is older than " + entry.epoch);
        }
        for (CachedBatch cached : entry.batches) {
            if (cached.firstSeq == firstSeq && cached.lastSeq == batch.lastSequence()) {
                return new Duplicate(cached.baseOffset);
            }
        }
        int expected = entry.batches.isEmpty() ? 0 : nextSequence(entry.batches.peekLast().lastSeq);
        if (firstSeq != expected) {
            return new Reject(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER,
                "producer " + batch.producerId() + " expected sequence " + expected + ", got " + firstSeq);
        }
        return new Accept();
    }

    /** Remembers an appended batch (after {@link #check} accepted it and the append succeeded). */
    void record(RecordBatch batch, long baseOffset) {
        if (!batch.hasProducerId()) {
            return;
        }
        ProducerEntry entry = producers.computeIfAbsent(batch.producerId(), id -> new ProducerEntry());
        if (batch.producerEpoch() != entry.epoch) {
            entry.epoch = batch.producerEpoch();
            entry.batches.clear();
        }
        if (entry.batches.size() == CACHED_BATCHES) {
            entry.batches.removeFirst();
        }
        entry.batches.addLast(new CachedBatch(batch.baseSequence(), batch.lastSequence(), baseOffset));
    }

    private static int nextSequence(int sequence) {
        return sequence == Integer.MAX_VALUE ? 0 : sequence + 1;
    }
}
