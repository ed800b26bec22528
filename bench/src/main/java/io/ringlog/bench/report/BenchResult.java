package io.ringlog.bench.report;

import io.ringlog.bench.Medians;
import io.ringlog.bench.RoundSample;

import java.util.List;

/**
 * Everything measured for one backend (or fio): the per-round samples and their median.
 *
 * @param target  "raw" or "log"
 * @param backend external backend name, or "fio"
 * @param size    bytes per write actually used
 * @param threads appending threads
 * @param note    setup remark shown in the table (e.g. what auto chose), may be empty
 * @param rounds  one sample per round, in run order
 *
 * <p>Thread-safety: immutable.
 */
public record BenchResult(String target, String backend, int size, int threads, String note, List<RoundSample> rounds) {

    public BenchResult {
        rounds = List.copyOf(rounds);
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("a result needs at least one round");
        }
    }

    /** The median of rounds, figure by figure. */
    public RoundSample median() {
        return Medians.of(rounds);
    }

    /** (max - min) / median of the per-round p50, in percent: how much rounds disagreed. */
    public double p50SpreadPercent() {
        double min = rounds.stream().mapToDouble(RoundSample::p50Us).min().orElse(Double.NaN);
        double max = rounds.stream().mapToDouble(RoundSample::p50Us).max().orElse(Double.NaN);
        return (max - min) / median().p50Us() * 100.0;
    }
}
