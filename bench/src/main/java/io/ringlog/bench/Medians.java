package io.ringlog.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Median-of-rounds: every reported figure is the median of that figure over the rounds, taken
 * figure by figure (so the p99 reported may come from another round than the p50). With an even
 * number of rounds the median is the mean of the two middle values. The median, not the mean,
 * because one round hit by a neighbour's compile on a shared 2-core machine moves a mean by the
 * whole outlier but a median not at all.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class Medians {
    private Medians() {
    }

    /** The median of {@code values}; NaN values are ignored; NaN when none remain. */
    public static double median(double... values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2.0;
    }

    /** The median of one figure over {@code rounds}. */
    public static double median(List<RoundSample> rounds, ToDoubleFunction<RoundSample> figure) {
        return median(rounds.stream().mapToDouble(figure).toArray());
    }

    /**
     * One sample whose every figure (each percentile, max, throughput, CPU, ops) is the median of
     * that figure over {@code rounds}. Percentiles missing from any round are dropped.
     */
    public static RoundSample of(List<RoundSample> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no rounds to summarize");
        }
        Map<Double, Double> latency = new TreeMap<>();
        for (Double p : rounds.getFirst().latencyUsByPercentile().keySet()) {
            List<Double> values = new ArrayList<>();
            for (RoundSample r : rounds) {
                Double v = r.latencyUsByPercentile().get(p);
                if (v != null) {
                    values.add(v);
                }
            }
            if (values.size() == rounds.size()) {
                latency.put(p, median(values.stream().mapToDouble(Double::doubleValue).toArray()));
            }
        }
        return new RoundSample(Math.round(median(rounds, r -> r.ops())), new TreeMap<>(latency),
            median(rounds, RoundSample::maxUs), median(rounds, RoundSample::opsPerS),
            median(rounds, RoundSample::mbPerS), median(rounds, RoundSample::cpuUsPerOp));
    }
}
