package io.ringlog.bench.target;

import java.util.List;

/**
 * Creates targets by name. Extension point: when log-core's Log API lands, add a {@code LogTarget}
 * (appends of {@code bytesPerOp}-byte records with durability SYNC, one Contender per appending
 * thread; {@link io.ringlog.bench.Measurement} already runs several contenders in parallel) and return it for {@code "log"} here instead of the "not available" error.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class Targets {
    /** Target names the command accepts. */
    public static final List<String> NAMES = List.of("raw", "log");

    private Targets() {
    }

    /** The target called {@code name}, set up with {@code setup}. */
    public static BenchTarget create(String name, TargetSetup setup) throws TargetUnavailableException {
        return switch (name) {
            case "raw" -> new RawTarget(setup);
            case "log" -> throw new TargetUnavailableException("target log: not available in this build"
                + " (log-core's Log API is not merged yet; use --target raw)");
            default -> throw new IllegalArgumentException("unknown target '" + name + "'; expected one of " + NAMES);
        };
    }
}
