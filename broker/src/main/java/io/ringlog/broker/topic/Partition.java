package io.ringlog.broker.topic;

import io.ringlog.broker.storage.BatchTooLargeException;
import io.ringlog.broker.storage.CorruptBatchException;
import io.ringlog.broker.storage.PartitionLog;
import io.ringlog.broker.storage.PartitionLogException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * One partition served by this broker: its log, its idempotent-producer state, its append order and
 * the fetches waiting for new data.
 *
 * <p>Appends and record deletions run on the partition's {@link SerialExecutor}, so they reach the
 * log in the order the network layer dispatched them (per connection: request order) and producer
 * state needs no lock; reads run on any thread directly against the log.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class Partition {
    private static final Logger LOG = LoggerFactory.getLogger(Partition.class);

    private final TopicPartition id;
    private final PartitionLog log;
    private final int maxBatchBytes;
    private final SerialExecutor serial;
    private final ProducerStateTable producers = new ProducerStateTable();
    /**
     * Whether the producer state was rebuilt from the log tail yet: written on the serial executor,
     * read by {@link #append} to keep that first rebuild off a network thread.
     */
    private volatile boolean producerStateLoaded;
    private final Executor appendVia;
    private final Set<Runnable> dataListeners = ConcurrentHashMap.newKeySet();

    /**
     * @param pool      the I/O pool the partition's serial executor runs on
     * @param appendVia where an append that finds the partition idle starts its run: the pool, or a
     *                  network thread's {@code InlineDispatch}, which may run it on the calling thread
     */
    Partition(TopicPartition id, PartitionLog log, int maxBatchBytes, Executor pool, Executor appendVia) {
        this.id = id;
        this.log = log;
        this.maxBatchBytes = maxBatchBytes;
        this.serial = new SerialExecutor(pool);
        this.appendVia = appendVia;
    }

    public TopicPartition id() {
        return id;
    }

    /** The log, for reads and offset queries (thread-safe by the {@link PartitionLog} contract). */
    public PartitionLog log() {
        return log;
    }

    public int maxBatchBytes() {
        return maxBatchBytes;
    }

    /**
     * Queues one partition's produce payload; validation ({@link BatchValidator}, including the CRC
     * pass over the whole batch), the producer-sequence check and the append all run on the
     * partition's serial executor, which starts on {@code appendVia} when the partition is idle (so
     * possibly on the calling network thread, see {@code InlineDispatch}) once the log is open and
     * the producer state loaded, else on the I/O pool. Completes once the batch is durable (or refused).
     */
    public CompletableFuture<AppendResult> append(BaseRecords payload) {
        CompletableFuture<AppendResult> result = new CompletableFuture<>();
        Runnable task = () -> result.complete(validateAndAppend(payload));
        if (producerStateLoaded && log.isOpen()) {
            serial.execute(task, appendVia);
        } else {
            serial.execute(task);
        }
        return result;
    }

    private AppendResult validateAndAppend(BaseRecords payload) {
        RecordBatch batch;
        try {
            batch = BatchValidator.validate(payload, maxBatchBytes);
        } catch (ApiException e) {
            return AppendResult.failure(Errors.forException(e), e.getMessage());
        } catch (RuntimeException e) {
            // kafka-clients' record views can throw other unchecked exceptions on crafted input.
            LOG.info("{}: malformed batch: {}", id, e.toString());
            return AppendResult.failure(Errors.CORRUPT_MESSAGE, "malformed record batch: " + e);
        }
        return appendNow(batch, ((MemoryRecords) payload).buffer());
    }

    private AppendResult appendNow(RecordBatch batch, ByteBuffer bytes) {
        if (!producerStateLoaded) {
            loadProducerState();
        }
        ProducerStateTable.Check check = producers.check(batch);
        switch (check) {
            case ProducerStateTable.Reject r -> {
                return AppendResult.failure(r.error(), r.message());
            }
            case ProducerStateTable.Duplicate d -> {
                return AppendResult.success(d.baseOffset(), log.logStartOffset());
            }
            case ProducerStateTable.Accept a -> {
                // fall through to the append below
            }
        }
        try {
            long base = log.appendBatch(bytes);
            producers.record(batch, base);
            notifyListeners();
            return AppendResult.success(base, log.logStartOffset());
        } catch (BatchTooLargeException e) {
            return AppendResult.failure(Errors.MESSAGE_TOO_LARGE, e.getMessage());
        } catch (CorruptBatchException e) {
            LOG.info("{}: the store refused a batch: {}", id, e.getMessage());
            return AppendResult.failure(Errors.CORRUPT_MESSAGE, e.getMessage());
        } catch (PartitionLogException e) {
            // I/O error, disk full, failed or closed log: the client may retry (a retriable error).
            LOG.error("{}: append failed", id, e);
            return AppendResult.failure(Errors.KAFKA_STORAGE_ERROR, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{}: append failed unexpectedly", id, e);
            return AppendResult.failure(Errors.UNKNOWN_SERVER_ERROR, e.toString());
        }
    }

    /** Lazily, before the first append: keeps startup fast for partitions nobody writes to. */
    private void loadProducerState() {
        producerStateLoaded = true;
        if (log.logEndOffset() == log.logStartOffset()) {
            return;
        }
        try {
            int batches = ProducerStateLoader.rebuild(log, producers);
            LOG.debug("{}: producer state rebuilt from {} batches", id, batches);
        } catch (PartitionLogException | RuntimeException e) {
            LOG.warn("{}: could not rebuild producer state from the log tail; producers start afresh", id, e);
        }
    }

    /** Runs {@link PartitionLog#deleteRecordsBefore} in append order; completes with the new log start offset. */
    public CompletableFuture<Long> deleteRecordsBefore(long offset) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        serial.execute(() -> {
            try {
                result.complete(log.deleteRecordsBefore(offset));
            } catch (PartitionLogException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Queues {@link PartitionLog#applyRetention()} on the partition's serial executor (an I/O pool
     * thread, in order with appends and record deletions); failures are logged.
     */
    public void applyRetention() {
        serial.execute(() -> {
            try {
                log.applyRetention();
            } catch (PartitionLogException | RuntimeException e) {
                LOG.warn("{}: retention failed", id, e);
            }
        });
    }

    /** Registers a callback run (on the appending thread; it must be quick) after each append. */
    public void addDataListener(Runnable listener) {
        dataListeners.add(listener);
    }

    public void removeDataListener(Runnable listener) {
        dataListeners.remove(listener);
    }

    private void notifyListeners() {
        for (Runnable listener : dataListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: data listener failed", id, e);
            }
        }
    }

    /** Closes the log after the queued appends ran; completes when closed. */
    CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        serial.execute(() -> {
            try {
                log.close();
            } catch (PartitionLogException | RuntimeException e) {
                LOG.warn("{}: close failed", id, e);
            }
            notifyListeners();
            done.complete(null);
        });
        return done;
    }
}
