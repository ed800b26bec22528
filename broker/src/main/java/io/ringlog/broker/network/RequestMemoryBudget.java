package io.ringlog.broker.network;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker-wide bound on request bytes held in memory (read but not yet answered), Kafka's
 * {@code queued.max.request.bytes}: while it is exhausted no connection starts reading a new frame,
 * so many connections together cannot buffer without bound either. Frames already being read are
 * finished (otherwise partly read frames could hold the whole budget and nothing would complete),
 * so the bytes in use may exceed the limit by at most one frame per connection that was mid-read.
 *
 * <p>Thread-safety: thread-safe (atomic counter; processors are woken when room appears again).
 */
final class RequestMemoryBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final List<Processor> processors = new CopyOnWriteArrayList<>();

    RequestMemoryBudget(long limit) {
        this.limit = limit;
    }

    void register(Processor processor) {
        processors.add(processor);
    }

    boolean hasRoom() {
        return used.get() < limit;
    }

    long used() {
        return used.get();
    }

    void acquire(long bytes) {
        used.addAndGet(bytes);
    }

    void release(long bytes) {
        if (bytes == 0) {
            return;
        }
        long after = used.addAndGet(-bytes);
        if (after < limit && after + bytes >= limit) {
            // Crossed back below the limit: connections that stopped reading must look again.
            processors.forEach(Processor::budgetAvailable);
        }
    }
}
