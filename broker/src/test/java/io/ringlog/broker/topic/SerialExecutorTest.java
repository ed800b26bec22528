package io.ringlog.broker.topic;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SerialExecutor}: one task at a time, in submission order, also when a drain starts through {@code via}. */
class SerialExecutorTest {
    /** Holds what it is given until {@link #runAll}. */
    private static final class ManualExecutor implements Executor {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public synchronized void execute(Runnable task) {
            queued.add(task);
        }

        synchronized int size() {
            return queued.size();
        }

        void runAll() {
            while (true) {
                Runnable next;
                synchronized (this) {
                    if (queued.isEmpty()) {
                        return;
                    }
                    next = queued.removeFirst();
                }
                next.run();
            }
        }
    }

    @Test
    void shouldStartTheDrainThroughViaAndRunOnlyThatTaskThere() {
        ManualExecutor pool = new ManualExecutor();
        ManualExecutor via = new ManualExecutor();
        SerialExecutor serial = new SerialExecutor(pool);
        List<String> ran = new ArrayList<>();

        serial.execute(() -> ran.add("a"), via);
        assertEquals(1, via.size(), "an idle executor starts its drain through via");
        assertEquals(0, pool.size());
        // Queued behind the running drain: neither starts another one.
        serial.execute(() -> ran.add("b"));
        serial.execute(() -> ran.add("c"), via);
        assertEquals(1, via.size());
        assertEquals(0, pool.size());

        via.runAll();
        assertEquals(List.of("a"), ran, "the drain started through via runs only its own task");
        assertEquals(1, pool.size(), "what is queued behind goes to the pool");

        pool.runAll();
        assertEquals(List.of("a", "b", "c"), ran);
        assertEquals(0, via.size());
        assertEquals(0, pool.size());
    }

    @Test
    void shouldUseThePoolWhenADrainIsAlreadyScheduled() {
        ManualExecutor pool = new ManualExecutor();
        ManualExecutor via = new ManualExecutor();
        SerialExecutor serial = new SerialExecutor(pool);
        List<String> ran = new ArrayList<>();

        serial.execute(() -> ran.add("a"));
        serial.execute(() -> ran.add("b"), via);
        assertEquals(0, via.size(), "busy: via is not used");
        pool.runAll();
        assertEquals(List.of("a", "b"), ran);

        // Idle again: the next via call starts there.
        serial.execute(() -> ran.add("c"), via);
        assertEquals(1, via.size());
        via.runAll();
        assertEquals(List.of("a", "b", "c"), ran);
        assertEquals(0, pool.size());
    }

    @Test
    void shouldRunTheTaskQueuedBehindAnInlineTaskOnThePoolAfterIt() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "serial-test-pool"));
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(1);
            Executor onCaller = Runnable::run;
            serial.execute(() -> {
                log.add("first on " + Thread.currentThread().getName());
                // Queued while the inline drain runs: must wait for it, then run on the pool.
                serial.execute(() -> {
                    log.add("second on " + Thread.currentThread().getName());
                    done.countDown();
                }, onCaller);
                log.add("first done");
            }, onCaller);
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("first on " + Thread.currentThread().getName(), "first done",
                "second on serial-test-pool"), log);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldKeepSubmissionOrderAndNeverOverlapAcrossMixedCalls() throws Exception {
        int n = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger active = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(n);
            Executor onCaller = Runnable::run;
            for (int i = 0; i < n; i++) {
                int index = i;
                Runnable task = () -> {
                    if (active.incrementAndGet() != 1) {
                        overlaps.incrementAndGet();
                    }
                    ran.add(index);
                    active.decrementAndGet();
                    done.countDown();
                };
                switch (i % 3) {
                    case 0 -> serial.execute(task);
                    case 1 -> serial.execute(task, onCaller);
                    default -> serial.execute(task, other);
                }
            }
            assertTrue(done.await(20, TimeUnit.SECONDS), "ran " + ran.size() + " of " + n);
            assertEquals(0, overlaps.get(), "tasks overlapped");
            assertEquals(IntStream.range(0, n).boxed().toList(), ran);
        } finally {
            pool.shutdownNow();
            other.shutdownNow();
        }
    }

    @Test
    void shouldKeepRunningAfterATaskThrows() {
        ManualExecutor pool = new ManualExecutor();
        SerialExecutor serial = new SerialExecutor(pool);
        List<String> ran = new ArrayList<>();
        serial.execute(() -> {
            throw new IllegalStateException("expected by the test");
        }, pool);
        serial.execute(() -> ran.add("after"), pool);
        pool.runAll();
        assertEquals(List.of("after"), ran);
    }
}
