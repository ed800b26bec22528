package io.ringlog.broker.network;

import java.util.concurrent.Executor;

/**
 * An executor for partition appends that runs the one append a selector round dispatched on the
 * network thread itself, right after the round, instead of waking an I/O thread for it.
 *
 * <p>Why: with one request in flight (the latency case: a producer waiting for each acks=all answer)
 * the hand-off to a parked I/O thread is a cross-CPU wake-up, the most expensive step of the
 * broker's own path on a virtual machine (perf: {@code try_to_wake_up} and {@code finish_task_switch}
 * lead the network thread's profile). Running the append on the thread that parsed the request
 * saves that wake-up, and the response is then written by the same thread without another.
 *
 * <p>When: only on a network thread, only when the round (one {@code select} and the handling of
 * its ready keys) dispatched exactly one task through this executor, and no request of the round
 * came from a connection that pipelines (the connection calls {@link Round#crowd()}: a client with
 * several requests in flight, such as a batching producer, gains more from parsing its next request
 * while the pool writes the previous one: batched 512 B throughput fell 25 % when those ran inline).
 * A second dispatch in the same round sends both to the I/O pool, so under load (several
 * connections, several partitions or several requests ready at once) appends keep running in
 * parallel on the pool and share device writes through the log's group commit. Called from any
 * other thread, it is the pool.
 *
 * <p>Cost: while the network thread appends (one durable write, ~100-200 us on the virtio disk
 * here), the other connections it serves wait; a request that arrives meanwhile waits at most that
 * write. The store's append can wait longer (a segment roll waiting for the preparer, back-pressure,
 * a stalled device), and so do that thread's consumers and group members. Hence off by default:
 * {@code ringlog.network.inline.appends=true} turns it on (measured p50 gain 0-4 %: docs/broker.md,
 * "Order and parallelism").
 *
 * <p>Thread-safety: thread-safe; the round state belongs to one network thread.
 */
public final class InlineDispatch implements Executor {
    private static final ThreadLocal<Round> ROUND = new ThreadLocal<>();
    private final Executor pool;

    public InlineDispatch(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        Round round = ROUND.get();
        if (round == null) {
            pool.execute(task);
        } else {
            round.offer(task, pool);
        }
    }

    /**
     * One network thread's round state. Thread-safety: confined to the thread that {@link #install}ed it.
     */
    static final class Round {
        private Runnable held;
        private Executor heldPool;
        private boolean crowded;
        private boolean open;

        /** Makes this the calling thread's round state (once, when the network thread starts). */
        void install() {
            ROUND.set(this);
        }

        /** Starts a round: the first task offered from now on is held for {@link #finish}. */
        void begin() {
            open = true;
            crowded = false;
        }

        /**
         * Nothing runs inline this round: called for a request of a connection that pipelines (it
         * sent it before the answer to its previous one), whose next requests would otherwise wait
         * unread behind an inline append, costing the overlap of parsing with writing.
         */
        void crowd() {
            if (open) {
                crowded = true;
                if (held != null) {
                    release(null);
                }
            }
        }

        void offer(Runnable task, Executor pool) {
            if (open && !crowded && held == null) {
                held = task;
                heldPool = pool;
                return;
            }
            crowded = open;
            if (held != null) {
                release(pool);
            }
            pool.execute(task);
        }

        private void release(Executor pool) {
            Runnable task = held;
            Executor to = heldPool;
            held = null;
            heldPool = null;
            (to == null ? pool : to).execute(task);
        }

        /**
         * Ends the round and runs the held task, if any, on this thread. Tasks offered while it runs go
         * to the pool.
         */
        void finish() {
            open = false;
            Runnable task = held;
            held = null;
            heldPool = null;
            if (task != null) {
                task.run();
            }
        }

        /** Ends the round, handing a held task to the pool (shutdown, or the switch turned off). */
        void abandon() {
            open = false;
            if (held != null) {
                release(null);
            }
        }
    }
}
