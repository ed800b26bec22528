package io.ringlog.bench.target;

import java.util.List;

/**
 * Creates targets by name. {@code raw} is {@link RawTarget}, {@code log} is
 * {@link LogTarget}, {@code broker} is {@link BrokerTarget}.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class Targets {
    /** Target names the command accepts. */
    public static final List<String> NAMES = List.of("raw", "log", "broker");

    private Targets() {
    }

    /** The target called {@code name}, set up with {@code setup}. */
    public static BenchTarget create(String name, TargetSetup setup) throws TargetUnavailableException {
        return create(name, setup, new BrokerOptions(false, 0, (int) setup.opsPerRound()));
    }

    /** The target called {@code name}; {@code broker} settings apply to the broker target only. */
    public static BenchTarget create(String name, TargetSetup setup, BrokerOptions broker) throws TargetUnavailableException {
        return switch (name) {
            case "raw" -> new RawTarget(setup);
            case "log" -> new LogTarget(setup);
            case "broker" -> new BrokerTarget(setup, broker);
            default -> throw new IllegalArgumentException("unknown target '" + name + "'; expected one of " + NAMES);
        };
    }
}
