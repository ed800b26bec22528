package io.ringlog.core;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurableWaitersTest {
    private static final long LONG_YIELD = TimeUnit.SECONDS.toNanos(30);

    @Test
    void aYieldingWaiterShouldSeeItsWriteCompleteWithoutBeingUnparked() throws Exception {
        DurableWaiters.Waiter me = DurableWaiters.self();
        AtomicInteger checks = new AtomicInteger();

        // Durable on the third look: only a waiter that re-checks without parking gets there (nobody unparks it).
        boolean nominated = DurableWaiters.park(this, me, 1, 0, (seq, epoch) -> checks.incrementAndGet() >= 3, 0, LONG_YIELD);

        assertFalse(nominated);
        assertEquals(3, checks.get());
    }

    @Test
    void aYieldingWaiterShouldNoticeItsNominationToLead() throws Exception {
        DurableWaiters.Waiter me = DurableWaiters.self();
        AtomicInteger checks = new AtomicInteger();

        boolean nominated = DurableWaiters.park(this, me, 1, 0, (seq, epoch) -> {
            if (checks.incrementAndGet() == 2) {
                me.lead = true; // as the completing leader sets it, before its (here: missing) unpark
            }
            return false;
        }, 0, LONG_YIELD);

        assertTrue(nominated);
        me.lead = false;
    }

    @Test
    void theGatherDeadlineShouldEndTheYieldPhase() throws Exception {
        DurableWaiters.Waiter me = DurableWaiters.self();
        long start = System.nanoTime();

        boolean lead = DurableWaiters.park(this, me, 1, 0, (seq, epoch) -> false, start + TimeUnit.MILLISECONDS.toNanos(20),
            LONG_YIELD);

        long took = System.nanoTime() - start;
        assertTrue(lead, "a watcher whose gather deadline passed leads the write");
        assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(20) && took < LONG_YIELD / 2, took + " ns");
    }

    @Test
    void withoutAYieldPhaseTheWaiterParksUntilUnparked() throws Exception {
        DurableWaiters.Waiter me = DurableWaiters.self();
        AtomicInteger checks = new AtomicInteger();
        Thread waiter = Thread.currentThread();
        Thread.ofPlatform().start(() -> {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            checks.set(100); // becomes durable, then the leader unparks
            LockSupport.unpark(waiter);
        });

        boolean nominated = DurableWaiters.park(this, me, 1, 0, (seq, epoch) -> checks.incrementAndGet() > 100, 0, 0);

        assertFalse(nominated);
        assertTrue(checks.get() <= 110, "a parked waiter must not busy-check: " + checks.get());
    }

    @Test
    void addShouldCountTheWaiters() {
        DurableWaiters waiters = new DurableWaiters();
        assertEquals(1, waiters.add(new DurableWaiters.Waiter(), 5));
        assertEquals(2, waiters.add(new DurableWaiters.Waiter(), 6));
        assertEquals(2, waiters.size());
    }
}
