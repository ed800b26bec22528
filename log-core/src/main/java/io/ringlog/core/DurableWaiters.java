package io.ringlog.core;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The appenders of one log that wait for their bytes to become durable, each parked on its own thread
 * ({@link LockSupport#park}) rather than on a shared {@code Condition}: the thread that completes a
 * write unparks exactly the waiters whose bytes it made durable, after releasing the append lock, and
 * they return without taking the lock again.
 *
 * <p>Why: with {@code Condition.signalAll} every woken waiter re-acquires the lock before it can
 * return, one after the other, each hand-off a context switch (~5-20 us on this 2-core VM). Measured
 * on the virtio disk, 16 threads x 512 B, 3 alternating runs (docs/benchmarks.md): pwrite_dsync p99
 * went from 3.5x to 2.4x the raw write's p99 and scaling from 5.7x to 6.2x one thread's appends/s.
 *
 * <p>Yielding before parking: a waiter that finds at least {@link #YIELD_MIN_WAITERS} appenders waiting
 * (itself included) first yields its CPU in a loop ({@link Thread#yield}, re-checking its condition
 * after each) for up to {@link #YIELD_NANOS}, and parks only after that. With many appenders on few
 * cores, the leader's serial unparks and the wake-ups of parked threads (each a futex call and, on a
 * VM, often an interrupt to a halted vCPU) were what kept a write cycle long: a yielding waiter sees
 * its write complete as soon as the scheduler runs it again, and re-appends without a wake-up.
 * It applies only when at least twice as many appenders wait as there are CPUs
 * ({@link #YIELD_MIN_WAITERS}): then they compete for CPUs anyway, and a yielding one gives its CPU to
 * any runnable thread. Measured on the virtio disk, 2 vCPUs, 16 threads x 512 B (docs/benchmarks.md,
 * "Yielding waiters"): appends/s +50-60 % at about the same CPU per append. A single appender never
 * waits here (it writes itself), so QD1 and the broker (one append in flight per partition) are
 * unaffected.
 *
 * <p>A {@link Waiter} is per thread and reused (no allocation per append); the waiting list and each
 * leader's wake list grow by doubling and are never shrunk (a few hundred bytes for 64 threads).
 *
 * <p>Thread-safety: {@link #add} and {@link #collect} under the owning writer's lock; {@link #unparkAll}
 * and {@link #park} without it.
 */
final class DurableWaiters {
    /**
     * Spins before parking. 0 by default: on 2 cores a spinning waiter takes the CPU the leader or the
     * kernel's completion needs, and a waiter of a group-committed write waits ~1-2 device writes
     * (150-400 us on the virtio disk), far longer than a park/unpark (~10 us). Raise it
     * ({@code -Dringlog.groupCommit.spins=N}, in {@code Thread.onSpinWait} calls) only on many cores.
     */
    static final int SPINS = Integer.getInteger("ringlog.groupCommit.spins", 0);

    /**
     * How long a waiter yields before it parks ({@code -Dringlog.groupCommit.yieldMicros}, default 1000:
     * a few device writes on the virtio disk, where 300 gave less; 0 = park at once). Bounded so that
     * behind a stalled device a waiter spends at most this much CPU before it sleeps.
     */
    static final long YIELD_NANOS = Long.getLong("ringlog.groupCommit.yieldMicros", 1000) * 1_000L;

    /**
     * Fewest waiting appenders (the caller included) for which a waiter yields before parking: twice
     * the processors, at least 4 ({@code -Dringlog.groupCommit.yieldMinWaiters}). Below that, waiters
     * have CPUs to themselves, and yielding only spends idle CPU (measured: twice the CPU per append at
     * 2-4 threads on 2 vCPUs for 0-25 % more appends/s).
     */
    static final int YIELD_MIN_WAITERS = Integer.getInteger("ringlog.groupCommit.yieldMinWaiters",
        Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

    /** Linux's default timer slack: a timed park shorter than this oversleeps. */
    private static final long TIMER_SLACK_NANOS = 50_000;

    private static final ThreadLocal<Waiter> WAITER = ThreadLocal.withInitial(Waiter::new);

    /** One thread's wait record. Thread-safety: fields guarded by the writer lock unless volatile. */
    static final class Waiter {
        final Thread thread = Thread.currentThread();
        long seq;
        /** Set (under the lock) when the completing leader nominates this waiter to lead the next write. */
        volatile boolean lead;
        private Waiter[] wake = new Waiter[16];
        private int wakeCount;
    }

    private Waiter[] waiting = new Waiter[16];
    private int count;

    /** The calling thread's reusable record. */
    static Waiter self() {
        return WAITER.get();
    }

    int size() {
        return count;
    }

    /** Registers {@code w} as waiting until {@code seq} is durable; returns how many wait now. Lock held. */
    int add(Waiter w, long seq) {
        w.seq = seq;
        w.lead = false;
        if (count == waiting.length) {
            waiting = Arrays.copyOf(waiting, count * 2);
        }
        waiting[count++] = w;
        return count;
    }

    /**
     * Moves into {@code leader}'s wake list every waiter with {@code seq <= durableSeq} (all of them when
     * {@code everyone}, e.g. after a failure), and, when {@code nominate}, the first remaining waiter with
     * its {@code lead} flag set, placed first so it is unparked first. Lock held.
     */
    void collect(Waiter leader, long durableSeq, boolean everyone, boolean nominate) {
        int kept = 0;
        boolean nominated = !nominate;
        for (int i = 0; i < count; i++) {
            Waiter w = waiting[i];
            waiting[i] = null;
            if (everyone || w.seq <= durableSeq) {
                append(leader, w);
            } else if (!nominated) {
                nominated = true;
                w.lead = true;
                append(leader, w);
                Waiter first = leader.wake[0];
                leader.wake[0] = w;
                leader.wake[leader.wakeCount - 1] = first;
            } else {
                waiting[kept++] = w;
            }
        }
        count = kept;
    }

    private static void append(Waiter leader, Waiter w) {
        if (leader.wakeCount == leader.wake.length) {
            leader.wake = Arrays.copyOf(leader.wake, leader.wakeCount * 2);
        }
        leader.wake[leader.wakeCount++] = w;
    }

    /** Unparks everyone {@link #collect} put in {@code leader}'s wake list. Call without the lock. */
    static void unparkAll(Waiter leader) {
        Waiter[] wake = leader.wake;
        for (int i = 0; i < leader.wakeCount; i++) {
            LockSupport.unpark(wake[i].thread);
            wake[i] = null;
        }
        leader.wakeCount = 0;
    }

    /** The wait condition of a parked appender; may throw the failure that settled it. */
    @FunctionalInterface
    interface Settled {
        boolean test(long seq, long epoch) throws java.io.IOException;
    }

    /**
     * Parks the calling thread (registered as {@code me}) until its bytes are settled (returns false)
     * or it is nominated to lead the next write, or {@code deadline} (a nanoTime; 0 = none) passes
     * (returns true). It first yields for up to {@code yieldNanos} (0: parks at once), re-checking after
     * each yield. Call without the lock.
     */
    static boolean park(Object blocker, Waiter me, long seq, long epoch, Settled settled, long deadline,
                        long yieldNanos) throws java.io.IOException {
        long yieldUntil = yieldNanos > 0 ? System.nanoTime() + yieldNanos : 0;
        for (int i = 0; ; i++) {
            if (me.lead) {
                return true;
            }
            if (settled.test(seq, epoch)) {
                return false;
            }
            if (i < SPINS) {
                Thread.onSpinWait();
            } else if (yieldUntil != 0 && yielding(yieldUntil, deadline)) {
                Thread.yield();
            } else if (deadline == 0) {
                LockSupport.park(blocker);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                // parkNanos sleeps at least the timer slack (50 us by default on Linux): below that, yield.
                if (left < TIMER_SLACK_NANOS) {
                    Thread.yield();
                } else {
                    LockSupport.parkNanos(blocker, left);
                }
            }
        }
    }

    /** True while the yield phase lasts: before {@code yieldUntil} and before {@code deadline} (0 = none). */
    private static boolean yielding(long yieldUntil, long deadline) {
        long now = System.nanoTime();
        return now - yieldUntil < 0 && (deadline == 0 || now - deadline < 0);
    }
}
