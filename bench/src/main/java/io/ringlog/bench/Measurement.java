package io.ringlog.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The measurement loop shared by every in-process backend: warm-up operations (not recorded), then
 * {@code ops} operations each timed with {@link System#nanoTime()} around one
 * {@link Contender#writeOnce()} on this thread and recorded into an HdrHistogram (every operation,
 * no sampling, no coordinated-omission correction because the next write is issued only when the
 * previous one returned: QD1 is the workload, not an artefact). Wall time and process CPU time are
 * taken around the measured phase only.
 *
 * <p>With several contenders (one per appending thread, {@code --threads}) each runs the same loop on
 * its own platform thread with its own histogram: all warm up, then start measuring together at a
 * barrier; wall and CPU time run from the barrier to the end of the last thread; the histograms are
 * merged. {@code measuredOps} and {@code warmupOps} are totals, split evenly over the threads.
 *
 * <p>A think time ({@code --think-us}) pauses the thread after every operation, warm-up included, so the
 * device and the CPUs go idle between operations as they do between a client's requests (an isolated
 * write costs more than one of a back-to-back stream on some machines: docs/io-path.md, "Isolated writes"). The
 * pause is not part of the recorded latency; it is part of the wall time, so {@code ops_per_s}
 * includes it.
 *
 * <p>The loop itself costs two nanoTime calls and one histogram increment per op (~50 ns on this
 * machine type, under 0.1 % of a 70 us durable write); it allocates nothing.
 *
 * <p>Thread-safety: stateless, safe from any thread; each call measures on the calling thread.
 */
public final class Measurement {
    /** Largest latency the histogram tracks: one hour, far above any write that still completes. */
    private static final long HIGHEST_NANOS = TimeUnit.HOURS.toNanos(1);
    /** 3 significant digits: 0.1 % value resolution, as HdrHistogram's own plots use. */
    private static final int SIGNIFICANT_DIGITS = 3;

    private Measurement() {
    }

    /**
     * What one round does. Thread-safety: immutable.
     *
     * @param warmupOps   operations run first and not recorded
     * @param measuredOps operations recorded
     * @param bytesPerOp  bytes each write makes durable (for MB/s)
     * @param thinkNanos  pause after every operation (0: back to back)
     */
    public record Plan(int warmupOps, int measuredOps, int bytesPerOp, long thinkNanos) {
        public Plan {
            if (warmupOps < 0 || measuredOps < 1 || bytesPerOp < 1 || thinkNanos < 0) {
                throw new IllegalArgumentException("invalid plan: warm-up " + warmupOps + ", ops " + measuredOps
                    + ", bytes " + bytesPerOp + ", think ns " + thinkNanos);
            }
        }

        /** Operations back to back (no think time). */
        public Plan(int warmupOps, int measuredOps, int bytesPerOp) {
            this(warmupOps, measuredOps, bytesPerOp, 0);
        }
    }

    /** Runs one round of {@code plan} against {@code contenders} (one per thread). */
    public static RoundSample run(List<Contender> contenders, Plan plan) throws IOException, InterruptedException {
        if (contenders.size() == 1) {
            return run(contenders.getFirst(), plan);
        }
        return runParallel(contenders, plan);
    }

    /** Runs one round of {@code plan} against {@code contender} on the calling thread. */
    public static RoundSample run(Contender contender, Plan plan) throws IOException {
        contender.beginRound();
        long wallNanos;
        long cpuNanos;
        Histogram histogram = newHistogram();
        try {
            warmUp(contender, plan.warmupOps(), plan.thinkNanos());
            long cpuStart = ProcessCpu.nanos();
            long wallStart = System.nanoTime();
            measure(contender, plan.measuredOps(), plan.thinkNanos(), histogram);
            wallNanos = System.nanoTime() - wallStart;
            cpuNanos = ProcessCpu.nanos() - cpuStart;
        } finally {
            contender.endRound();
        }
        return sample(histogram, plan, wallNanos, cpuNanos);
    }

    private static void warmUp(Contender contender, int ops, long thinkNanos) throws IOException {
        for (int i = 0; i < ops; i++) {
            contender.writeOnce();
            think(thinkNanos);
        }
    }

    private static void measure(Contender contender, int ops, long thinkNanos, Histogram histogram) throws IOException {
        for (int i = 0; i < ops; i++) {
            long start = System.nanoTime();
            contender.writeOnce();
            histogram.recordValue(Math.max(1, System.nanoTime() - start));
            think(thinkNanos);
        }
    }

    /** Sleeps (parks, so the CPU can go idle) for at least {@code nanos}; parkNanos may return early. */
    static void think(long nanos) {
        if (nanos <= 0) {
            return;
        }
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static RoundSample runParallel(List<Contender> contenders, Plan plan)
        throws IOException, InterruptedException {
        int n = contenders.size();
        for (Contender c : contenders) {
            c.beginRound();
        }
        CyclicBarrier start = new CyclicBarrier(n + 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            Contender c = contenders.get(t);
            Histogram h = newHistogram();
            histograms.add(h);
            int warm = share(plan.warmupOps(), n, t);
            int ops = share(plan.measuredOps(), n, t);
            threads.add(Thread.ofPlatform().name("bench-" + c.backend() + "-" + t).start(() -> {
                runThread(c, warm, ops, plan.thinkNanos(), h, start, failure);
            }));
        }
        awaitQuietly(start);
        long cpuStart = ProcessCpu.nanos();
        long wallStart = System.nanoTime();
        for (Thread t : threads) {
            t.join();
        }
        long wallNanos = System.nanoTime() - wallStart;
        long cpuNanos = ProcessCpu.nanos() - cpuStart;
        for (Contender c : contenders) {
            c.endRound();
        }
        if (failure.get() != null) {
            throw new IOException("an appending thread failed: " + failure.get().getMessage(), failure.get());
        }
        Histogram merged = newHistogram();
        histograms.forEach(merged::add);
        return sample(merged, plan, wallNanos, cpuNanos);
    }

    private static void runThread(Contender c, int warm, int ops, long thinkNanos, Histogram h, CyclicBarrier start,
                                  AtomicReference<Throwable> failure) {
        try {
            warmUp(c, warm, thinkNanos);
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
        // Every thread reaches the barrier, failed or not, so the coordinator never waits forever.
        awaitQuietly(start);
        if (failure.get() != null) {
            return;
        }
        try {
            measure(c, ops, thinkNanos, h);
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Thread {@code index}'s part of {@code total} split over {@code n}: the remainder goes to the first threads. */
    static int share(int total, int n, int index) {
        return total / n + (index < total % n ? 1 : 0);
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BrokenBarrierException e) {
            // another party was interrupted; the failure, if any, is reported by its thread
        }
    }

    private static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    }

    /** Figures of one round from its histogram (nanoseconds) and the measured wall and CPU time. */
    static RoundSample sample(Histogram histogram, Plan plan, long wallNanos, long cpuNanos) {
        TreeMap<Double, Double> latency = new TreeMap<>();
        for (double p : RoundSample.PERCENTILES) {
            latency.put(p, histogram.getValueAtPercentile(p) / 1000.0);
        }
        long ops = histogram.getTotalCount();
        double opsPerS = ops / (wallNanos / 1e9);
        double cpuUsPerOp = cpuNanos < 0 ? Double.NaN : cpuNanos / 1000.0 / ops;
        return new RoundSample(ops, latency, histogram.getMaxValue() / 1000.0, opsPerS,
            opsPerS * plan.bytesPerOp() / 1e6, cpuUsPerOp);
    }
}
