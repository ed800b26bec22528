package io.ringlog.broker.network;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link InlineDispatch}: the one task of a selector round runs on the network thread at the round's
 * end; anything else goes to the pool. Each test installs its {@link InlineDispatch.Round} on a fresh
 * thread so no round state stays behind on the test runner's thread.
 */
class InlineDispatchTest {
    /** Records what was handed to the pool without running it. */
    private static final class RecordingPool implements Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public synchronized void execute(Runnable task) {
            tasks.add(task);
        }
    }

    /** A pool, the dispatch on it and a round installed on the constructing thread. */
    private static final class Installed {
        final RecordingPool pool = new RecordingPool();
        final InlineDispatch dispatch = new InlineDispatch(pool);
        final InlineDispatch.Round round = new InlineDispatch.Round();

        Installed() {
            round.install();
        }
    }

    /** Records the thread each run happened on (null: never ran). */
    private static class Probe implements Runnable {
        final AtomicReference<Thread> ranOn = new AtomicReference<>();
        int runs;

        @Override
        public void run() {
            runs++;
            ranOn.set(Thread.currentThread());
        }
    }

    @Test
    void shouldHoldALoneOfferAndRunItOnTheNetworkThreadAtFinish() throws Exception {
        onFreshThread(() -> {
            Installed it = new Installed();
            it.round.begin();
            Probe task = new Probe();
            it.dispatch.execute(task);
            assertNull(task.ranOn.get(), "held until the round ends");
            it.round.finish();
            assertSame(Thread.currentThread(), task.ranOn.get());
            assertEquals(1, task.runs);
            assertTrue(it.pool.tasks.isEmpty(), "nothing went to the pool: " + it.pool.tasks);
        });
    }

    @Test
    void aPipeliningConnectionShouldCrowdTheRoundBeforeAndAfterItsOffer() throws Exception {
        onFreshThread(() -> {
            Installed it = new Installed();
            it.round.begin();
            Probe held = new Probe();
            it.dispatch.execute(held);
            it.round.crowd();
            assertEquals(List.of(held), it.pool.tasks, "crowd() hands the held task to the pool");
            Probe later = new Probe();
            it.dispatch.execute(later);
            it.round.finish();
            assertEquals(List.of(held, later), it.pool.tasks);
            assertNull(later.ranOn.get(), "nothing runs inline in a crowded round");

            it.round.begin();
            it.round.crowd();
            Probe next = new Probe();
            it.dispatch.execute(next);
            it.round.finish();
            assertEquals(List.of(held, later, next), it.pool.tasks, "crowded before the offer too");

            it.round.crowd();
            it.round.begin();
            Probe fresh = new Probe();
            it.dispatch.execute(fresh);
            it.round.finish();
            assertSame(Thread.currentThread(), fresh.ranOn.get(), "crowd() outside a round does not carry over");
        });
    }

    @Test
    void shouldSendBothOffersOfACrowdedRoundToThePoolInOrder() throws Exception {
        onFreshThread(() -> {
            Installed it = new Installed();
            it.round.begin();
            Probe first = new Probe();
            Probe second = new Probe();
            Probe third = new Probe();
            it.dispatch.execute(first);
            it.dispatch.execute(second);
            it.dispatch.execute(third);
            assertEquals(List.of(first, second, third), it.pool.tasks, "the held task first, then the later ones");
            it.round.finish();
            assertNull(first.ranOn.get());
            assertNull(second.ranOn.get());
            assertNull(third.ranOn.get());

            // The next it.round starts uncrowded: its lone task runs inline again.
            it.round.begin();
            Probe lone = new Probe();
            it.dispatch.execute(lone);
            it.round.finish();
            assertSame(Thread.currentThread(), lone.ranOn.get());
            assertEquals(3, it.pool.tasks.size());
        });
    }

    @Test
    void shouldSendOffersOutsideARoundToThePool() throws Exception {
        onFreshThread(() -> {
            Installed it = new Installed();
            Probe beforeBegin = new Probe();
            it.dispatch.execute(beforeBegin);
            assertEquals(List.of(beforeBegin), it.pool.tasks, "installed but no round begun");

            // During the held task's run (the it.round is closed) and after finish.
            Probe offeredWhileRunning = new Probe();
            Probe held = new Probe() {
                @Override
                public void run() {
                    super.run();
                    it.dispatch.execute(offeredWhileRunning);
                }
            };
            it.round.begin();
            it.dispatch.execute(held);
            it.round.finish();
            assertSame(Thread.currentThread(), held.ranOn.get());
            assertNull(offeredWhileRunning.ranOn.get());
            Probe afterFinish = new Probe();
            it.dispatch.execute(afterFinish);
            assertNull(afterFinish.ranOn.get());
            assertEquals(List.of(beforeBegin, offeredWhileRunning, afterFinish), it.pool.tasks);

            // An offer outside the it.round does not crowd the next one.
            it.round.begin();
            Probe lone = new Probe();
            it.dispatch.execute(lone);
            it.round.finish();
            assertSame(Thread.currentThread(), lone.ranOn.get());
        });
    }

    @Test
    void shouldBeThePoolOnAThreadWithoutARound() throws Exception {
        onFreshThread(() -> {
            RecordingPool pool = new RecordingPool();
            InlineDispatch dispatch = new InlineDispatch(pool);
            Probe task = new Probe();
            dispatch.execute(task);
            assertEquals(List.of(task), pool.tasks);
            assertNull(task.ranOn.get());
        });
    }

    @Test
    void shouldNotSeeAnotherThreadsRound() throws Exception {
        onFreshThread(() -> {
            Installed it = new Installed();
            it.round.begin();
            Probe fromOther = new Probe();
            onFreshThread(() -> it.dispatch.execute(fromOther));
            assertEquals(List.of(fromOther), it.pool.tasks, "a thread without its own round uses the pool");
            it.round.finish();
            assertNull(fromOther.ranOn.get());
        });
    }

    @Test
    void shouldHandAHeldTaskToThePoolOnAbandon() throws Exception {
        onFreshThread(() -> {
            Installed it = new Installed();
            it.round.begin();
            Probe held = new Probe();
            it.dispatch.execute(held);
            it.round.abandon();
            assertEquals(List.of(held), it.pool.tasks);
            assertNull(held.ranOn.get());
            it.round.finish();
            assertNull(held.ranOn.get(), "finish after abandon runs nothing");
            Probe later = new Probe();
            it.dispatch.execute(later);
            assertEquals(List.of(held, later), it.pool.tasks, "after abandon the round is closed");
        });
    }

    @Test
    void shouldLeaveAnEmptyRoundWithNothingToRun() throws Exception {
        onFreshThread(() -> {
            RecordingPool pool = new RecordingPool();
            InlineDispatch.Round round = new InlineDispatch.Round();
            round.install();
            round.begin();
            round.finish();
            round.abandon();
            assertTrue(pool.tasks.isEmpty());
        });
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} on a new platform thread (a Round is per thread), rethrowing what it threw. */
    private static void onFreshThread(Body body) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("inline-dispatch-test").start(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.join();
        Throwable e = failure.get();
        if (e instanceof Error error) {
            throw error;
        }
        if (e instanceof Exception exception) {
            throw exception;
        }
    }
}
