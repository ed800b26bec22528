package io.ringlog.broker.group;

import java.util.PriorityQueue;

/**
 * A {@link CoordinatorTimer} whose clock only moves when a test calls {@link #advance}; due actions run on
 * the test's thread, in deadline order.
 *
 * <p>Thread-safety: not thread-safe; single test thread.
 */
final class ManualTimer implements CoordinatorTimer {
    private record Scheduled(long dueMs, long seq, Runnable action, boolean[] cancelled) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled o) {
            return dueMs != o.dueMs ? Long.compare(dueMs, o.dueMs) : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private long now = 1_000_000;
    private long seq;

    @Override
    public long nowMs() {
        return now;
    }

    @Override
    public long wallClockMs() {
        return now;
    }

    @Override
    public Task schedule(long delayMs, Runnable action) {
        boolean[] cancelled = new boolean[1];
        queue.add(new Scheduled(now + delayMs, seq++, action, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the clock forward, running every action that falls due on the way. */
    void advance(long ms) {
        long target = now + ms;
        while (!queue.isEmpty() && queue.peek().dueMs() <= target) {
            Scheduled s = queue.poll();
            now = Math.max(now, s.dueMs());
            if (!s.cancelled()[0]) {
                s.action().run();
            }
        }
        now = target;
    }
}
