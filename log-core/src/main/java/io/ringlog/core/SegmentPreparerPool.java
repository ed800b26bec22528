package io.ringlog.core;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed number of background threads shared by many logs ({@link LogConfig.Builder#preparerPool}):
 * each log's segment preparation, sealed-index writing, delayed recycling and retention run here
 * instead of on a thread of its own. A broker with 500 partitions then has {@code threads} preparer
 * threads, not 500.
 *
 * <p>Each thread polls the logs assigned to it in turn and sleeps {@value #IDLE_SLEEP_MILLIS} ms when
 * none had work. Polling an idle log costs about 0.1 us, so 500 idle logs cost ~0.5% of a core. One
 * log's long piece of work (zero-filling a segment: ~50 ms for 16 MiB on the reference VM) delays the
 * others on the same thread; appends only wait when a log rolls before its next file is ready, which
 * {@link LogConfig.Builder#lazyPreparation lazy preparation} starts at half a segment ahead.
 *
 * <p>Thread-safety: thread-safe. A log is added on open and removed on close; removal waits until its
 * work in progress, if any, has finished.
 */
public final class SegmentPreparerPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentPreparerPool.class);
    static final int IDLE_SLEEP_MILLIS = 10;

    private final Worker[] workers;
    private final AgentRunner[] runners;
    private boolean closed;

    /** Starts {@code threads} daemon threads named {@code <name>-<i>}. */
    public SegmentPreparerPool(String name, int threads) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be in [1, 64], got " + threads);
        }
        workers = new Worker[threads];
        runners = new AgentRunner[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(name + "-" + i);
            runners[i] = new AgentRunner(new SleepingMillisIdleStrategy(IDLE_SLEEP_MILLIS),
                t -> LOG.error("shared segment preparer failed", t), null, workers[i]);
            AgentRunner.startOnThread(runners[i], r -> Thread.ofPlatform().daemon().unstarted(r));
        }
    }

    /** Number of threads. */
    public int threads() {
        return workers.length;
    }

    /** Logs currently served. */
    public int size() {
        int n = 0;
        for (Worker w : workers) {
            n += w.members.size();
        }
        return n;
    }

    /** Adds a log's preparer to the least loaded thread. */
    synchronized void add(Agent agent) {
        if (closed) {
            throw new IllegalStateException("segment preparer pool is closed");
        }
        Worker least = workers[0];
        for (Worker w : workers) {
            if (w.members.size() < least.members.size()) {
                least = w;
            }
        }
        least.members.add(new Member(agent));
    }

    /** Removes a log's preparer; returns once it is not running and will not run again. */
    void remove(Agent agent) {
        for (Worker w : workers) {
            for (Member m : w.members) {
                if (m.agent == agent) {
                    w.members.remove(m);
                    m.lock.lock(); // waits for a doWork in progress
                    m.removed = true;
                    m.lock.unlock();
                    return;
                }
            }
        }
    }

    /** Stops the threads (after the logs using them were closed). Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AgentRunner r : runners) {
            r.close();
        }
    }

    private static final class Member {
        final Agent agent;
        final ReentrantLock lock = new ReentrantLock();
        boolean removed; // guarded by lock

        Member(Agent agent) {
            this.agent = agent;
        }
    }

    /** One thread's agent: polls its members in turn. */
    private static final class Worker implements Agent {
        private final String name;
        final CopyOnWriteArrayList<Member> members = new CopyOnWriteArrayList<>();

        Worker(String name) {
            this.name = name;
        }

        @Override
        public int doWork() {
            int work = 0;
            for (Member m : members) {
                m.lock.lock();
                try {
                    if (!m.removed) {
                        work += m.agent.doWork();
                    }
                } catch (Exception e) {
                    LOG.error("{} failed in {}", m.agent.roleName(), name, e);
                } finally {
                    m.lock.unlock();
                }
            }
            return work;
        }

        @Override
        public String roleName() {
            return name;
        }
    }
}
