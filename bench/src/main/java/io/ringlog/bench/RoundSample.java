package io.ringlog.bench;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The figures of one measured round of one backend (or of fio): latency in microseconds at each
 * percentile in {@link #PERCENTILES}, the maximum, throughput and CPU cost per operation.
 *
 * @param ops                   operations measured (warm-up excluded)
 * @param latencyUsByPercentile latency at each percentile (keys 0-100) in microseconds
 * @param maxUs                 the slowest operation in microseconds
 * @param opsPerS               operations per second over the measured wall time
 * @param mbPerS                {@code opsPerS * bytes / 1e6} (decimal megabytes, like fio's "MB/s")
 * @param cpuUsPerOp            process user+sys CPU time over the measured phase divided by {@code ops}
 *
 * <p>Thread-safety: immutable.
 */
public record RoundSample(long ops, NavigableMap<Double, Double> latencyUsByPercentile, double maxUs,
                          double opsPerS, double mbPerS, double cpuUsPerOp) {

    /**
     * Percentiles recorded for every round: the JSON needs 50, 99 and 99.9; the rest draw the
     * percentile plot. fio accepts at most 20 entries in --percentile_list, we use 11.
     */
    public static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999};

    public RoundSample {
        latencyUsByPercentile = Collections.unmodifiableNavigableMap(new TreeMap<>(latencyUsByPercentile));
    }

    /** Latency at {@code percentile} in microseconds, or NaN when this sample does not have it. */
    public double latencyUs(double percentile) {
        Double v = latencyUsByPercentile.get(percentile);
        return v == null ? Double.NaN : v;
    }

    public double p50Us() {
        return latencyUs(50);
    }

    public double p99Us() {
        return latencyUs(99);
    }

    public double p999Us() {
        return latencyUs(99.9);
    }
}
