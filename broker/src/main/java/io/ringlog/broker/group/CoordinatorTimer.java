package io.ringlog.broker.group;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The clocks and the timer the coordinator uses for session, rebalance and initial-delay deadlines;
 * an interface so the state machine can be tested with a hand-advanced clock.
 *
 * <p>Thread-safety: implementations are thread-safe; scheduled actions run on the timer's thread and
 * must be short (they take one group's lock and do in-memory work only).
 */
public interface CoordinatorTimer {

    /** Monotonic milliseconds for deadlines. */
    long nowMs();

    /** Wall-clock milliseconds for stored timestamps. */
    long wallClockMs();

    /** Runs {@code action} once after {@code delayMs}. */
    Task schedule(long delayMs, Runnable action);

    /** A scheduled action. */
    interface Task {
        /** Stops the action if it has not run yet; harmless afterwards. */
        void cancel();
    }

    /** The broker's timer thread with the system clocks. */
    static CoordinatorTimer of(ScheduledExecutorService timer) {
        return new CoordinatorTimer() {
            @Override
            public long nowMs() {
                return System.nanoTime() / 1_000_000;
            }

            @Override
            public long wallClockMs() {
                return System.currentTimeMillis();
            }

            @Override
            public Task schedule(long delayMs, Runnable action) {
                Future<?> f = timer.schedule(action, delayMs, TimeUnit.MILLISECONDS);
                return () -> f.cancel(false);
            }
        };
    }
}
