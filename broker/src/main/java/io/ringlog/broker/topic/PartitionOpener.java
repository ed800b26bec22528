package io.ringlog.broker.topic;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens the partition logs reopened at start in the background, after the broker listens, on
 * {@code num.recovery.threads.per.data.dir} threads (Kafka's name for its log-recovery threads).
 * Reopening a partition is mostly waiting for the disk (directory lock, index and tail reads,
 * fsyncs), so a few threads overlap those waits even on two cores. A request for a partition not
 * yet open opens it on its own thread at once ({@link LazyPartitionLog}); the opener then skips it.
 * The threads end when every partition is open.
 *
 * <p>Thread-safety: thread-safe; {@link #stop()} may be called from any thread.
 */
final class PartitionOpener {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionOpener.class);

    private final List<LazyPartitionLog> logs;
    private final AtomicInteger next = new AtomicInteger();
    private final Thread[] threads;
    private final long startNanos = System.nanoTime();
    private final AtomicInteger running;
    private volatile boolean stopped;

    /** Starts {@code threads} threads opening {@code logs} in list order. */
    PartitionOpener(List<LazyPartitionLog> logs, int threads) {
        this.logs = List.copyOf(logs);
        int n = Math.max(1, Math.min(threads, this.logs.size()));
        this.threads = new Thread[n];
        this.running = new AtomicInteger(n);
        for (int i = 0; i < n; i++) {
            this.threads[i] = Thread.ofPlatform().name("ringlog-recovery-" + i).daemon(true).start(this::run);
        }
    }

    private void run() {
        for (int i; !stopped && (i = next.getAndIncrement()) < logs.size(); ) {
            LazyPartitionLog log = logs.get(i);
            if (log.isOpen() || log.isClosed()) {
                continue;
            }
            try {
                log.opened();
            } catch (Exception e) {
                LOG.error("reopening a partition failed; it answers KAFKA_STORAGE_ERROR until a restart", e);
            }
        }
        if (running.decrementAndGet() == 0 && !stopped) {
            LOG.info("{} partitions open in {} ms", logs.size(), (System.nanoTime() - startNanos) / 1_000_000);
        }
    }

    /** Stops starting new opens and waits for the ones in progress. */
    void stop() {
        stopped = true;
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
