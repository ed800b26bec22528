package io.ringlog.bench.target;

import java.util.List;

/**
 * Creates targets by name. {@code raw} is {@link RawTarget}, {@code log} is
 * {@link LogTarget}.
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
            case "log" -> new LogTarget(setup);
            default -> throw new IllegalArgumentException("unknown target '" + name + "'; expected one of " + NAMES);
        };
    }
}
