package io.ringlog.bench.report;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of a completed bench run: machine facts, one result per available backend, fio's result
 * if it ran, and the backends that could not run here with their cause.
 *
 * @param machine     kernel, file system, device
 * @param jdk         e.g. "25.0.1+8-LTS Eclipse Adoptium"
 * @param results     measured backends, in the order requested
 * @param fio         fio's result when --fio was given and fio ran
 * @param unavailable backends (and fio) that could not run, with the reason
 * @param rounds      rounds run
 * @param warmup      warm-up operations per round
 * @param requestedSize the --size given, before rounding
 * @param thinkMicros the pause after every operation (--think-us; 0: back to back)
 *
 * <p>Thread-safety: immutable.
 */
public record BenchReport(MachineFacts machine, String jdk, List<BenchResult> results, Optional<BenchResult> fio,
                          List<Unavailable> unavailable, int rounds, int warmup, int requestedSize, int thinkMicros) {

    public BenchReport {
        results = List.copyOf(results);
        unavailable = List.copyOf(unavailable);
    }

    /** A report of operations run back to back. */
    public BenchReport(MachineFacts machine, String jdk, List<BenchResult> results, Optional<BenchResult> fio,
                       List<Unavailable> unavailable, int rounds, int warmup, int requestedSize) {
        this(machine, jdk, results, fio, unavailable, rounds, warmup, requestedSize, 0);
    }

    /** A backend that could not be measured here and why. Thread-safety: immutable. */
    public record Unavailable(String backend, String cause) {
    }

    /** The JDK description used in reports. */
    public static String currentJdk() {
        return Runtime.version() + " " + System.getProperty("java.vendor", "");
    }
}
