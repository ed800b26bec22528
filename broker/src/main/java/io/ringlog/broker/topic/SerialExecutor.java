package io.ringlog.broker.topic;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time in submission order on a shared pool: the per-partition "actor" that
 * orders appends to a partition while different partitions append in parallel on the pool's threads.
 * Each task happens-before the next (the queue hand-off and the {@code running} flag publish it).
 *
 * <p>Thread-safety: thread-safe.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    private final Executor pool;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    public SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        scheduleIfIdle();
    }

    /**
     * Like {@link #execute}, but when this call starts a drain, the drain runs through {@code via}
     * (which may run it on the calling thread, e.g. a network thread's {@code InlineDispatch}) and
     * runs only this task: whatever is queued behind it goes back to the pool.
     */
    public void execute(Runnable task, Executor via) {
        tasks.add(task);
        if (running.compareAndSet(false, true)) {
            via.execute(this::drainOne);
        }
    }

    private void scheduleIfIdle() {
        if (!tasks.isEmpty() && running.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }

    private void drain() {
        drain(64);
    }

    private void drainOne() {
        drain(1);
    }

    private void drain(int limit) {
        try {
            // Bounded batch so one busy partition cannot monopolise a pool thread.
            for (int i = 0; i < limit; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // Tasks complete their own futures; an escaping exception is a bug, not a reason
                    // to stop running the partition's later tasks.
                    LOG.error("serial task failed", e);
                }
            }
        } finally {
            running.set(false);
            scheduleIfIdle();
        }
    }
}
