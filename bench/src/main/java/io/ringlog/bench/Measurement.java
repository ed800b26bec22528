package io.ringlog.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The measurement loop shared by every in-process backend: warm-up operations (not recorded), then
 * {@code ops} operations each timed with {@link System#nanoTime()} around one
 * {@link Contender#writeOnce()} on this thread and recorded into an HdrHistogram (every operation,
 * no sampling, no coordinated-omission correction because the next write is issued only when the
 * previous one returned: QD1 is the workload, not an artefact). Wall time and process CPU time are
 * taken around the measured phase only.
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
     * What one round does.
     *
     * @param warmupOps   operations run first and not recorded
     * @param measuredOps operations recorded
     * @param bytesPerOp  bytes each write makes durable (for MB/s)
     */
    public record Plan(int warmupOps, int measuredOps, int bytesPerOp) {
        public Plan {
            if (warmupOps < 0 || measuredOps < 1 || bytesPerOp < 1) {
                throw new IllegalArgumentException("invalid plan: warm-up " + warmupOps + ", ops " + measuredOps
                    + ", bytes " + bytesPerOp);
            }
        }
    }

    /** Runs one round of {@code plan} against {@code contender}. */
    public static RoundSample run(Contender contender, Plan plan) throws IOException {
        contender.beginRound();
        for (int i = 0; i < plan.warmupOps(); i++) {
            contender.writeOnce();
        }
        Histogram histogram = new Histogram(1, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
        long cpuStart = ProcessCpu.nanos();
        long wallStart = System.nanoTime();
        for (int i = 0; i < plan.measuredOps(); i++) {
            long start = System.nanoTime();
            contender.writeOnce();
            histogram.recordValue(Math.max(1, System.nanoTime() - start));
        }
        long wallNanos = System.nanoTime() - wallStart;
        long cpuNanos = ProcessCpu.nanos() - cpuStart;
        return sample(histogram, plan, wallNanos, cpuNanos);
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
