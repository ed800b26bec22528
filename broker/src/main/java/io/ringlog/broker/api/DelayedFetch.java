package io.ringlog.broker.api;

import io.ringlog.broker.topic.Partition;
import org.apache.kafka.common.requests.AbstractResponse;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fetch long-poll: waits until its partitions hold at least minBytes for it or maxWaitMs passes.
 * It listens on each partition for appends; an append schedules a re-read on the I/O pool (never on
 * the appending thread), and the re-read completes the fetch once enough bytes are there. The
 * timer completes it with whatever is there at the deadline.
 *
 * <p>Thread-safety: thread-safe; {@link #complete} runs at most once (compare-and-set).
 */
final class DelayedFetch implements Runnable {
    private final FetchReader reader;
    private final int minBytes;
    private final List<Partition> watched;
    private final Executor pool;
    private final CompletableFuture<AbstractResponse> result = new CompletableFuture<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicBoolean recheckQueued = new AtomicBoolean();
    private volatile ScheduledFuture<?> timeout;

    DelayedFetch(FetchReader reader, int minBytes, List<Partition> watched, Executor pool) {
        this.reader = reader;
        this.minBytes = minBytes;
        this.watched = List.copyOf(watched);
        this.pool = pool;
    }

    /** Starts waiting; the returned future completes with the fetch response. */
    CompletableFuture<AbstractResponse> start(ScheduledExecutorService timer, long maxWaitMs) {
        watched.forEach(p -> p.addDataListener(this));
        timeout = timer.schedule(() -> pool.execute(this::completeNow), maxWaitMs, TimeUnit.MILLISECONDS);
        // An append may have landed between the first read and the listener registration.
        run();
        return result;
    }

    /** Data listener: called on the appending thread after each append to a watched partition. */
    @Override
    public void run() {
        if (!done.get() && recheckQueued.compareAndSet(false, true)) {
            pool.execute(this::recheck);
        }
    }

    private void recheck() {
        recheckQueued.set(false);
        if (done.get()) {
            return;
        }
        try {
            FetchReader.Result r = reader.read();
            if (r.bytes() >= minBytes || r.hasErrors()) {
                complete(r);
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void completeNow() {
        if (!done.get()) {
            try {
                complete(reader.read());
            } catch (RuntimeException e) {
                fail(e);
            }
        }
    }

    /** The request handler turns the failure into Fetch's error response. */
    private void fail(RuntimeException e) {
        if (done.compareAndSet(false, true)) {
            unwatch();
            result.completeExceptionally(e);
        }
    }

    private void unwatch() {
        watched.forEach(p -> p.removeDataListener(this));
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
    }

    private void complete(FetchReader.Result r) {
        if (done.compareAndSet(false, true)) {
            unwatch();
            result.complete(r.response());
        }
    }
}
