package io.ringlog.io.uring;

import java.util.Set;

/**
 * Whether io_uring works in this process, probed once: kernel support, seccomp, the
 * {@code kernel.io_uring_disabled} sysctl, which setup flags were accepted and which opcodes the
 * kernel supports (IORING_REGISTER_PROBE). Switched off with {@code -Dringlog.io_uring.disable=true}.
 *
 * <p>Thread-safety: safe from any thread; the probe runs once.
 */
public final class IoUringProbe {

    /** System property that disables io_uring everywhere when {@code true}. */
    public static final String DISABLE_PROPERTY = "ringlog.io_uring.disable";

    /**
     * The probe's outcome.
     *
     * @param available          true when a ring could be set up and used
     * @param unavailabilityCause why not, or null when available
     * @param setupFlags         the IORING_SETUP_* flags the kernel accepted for a single-issuer ring
     * @param setupFlagNames     the same flags by name, e.g. {@code "SINGLE_ISSUER|DEFER_TASKRUN"}
     * @param supportedOps       names of the opcodes ringlog uses that the kernel supports (e.g. "WRITE_FIXED")
     */
    public record Result(boolean available, String unavailabilityCause, int setupFlags, String setupFlagNames,
                         Set<String> supportedOps) {
    }

    private IoUringProbe() {
    }

    /** The process-wide probe result. */
    public static Result probe() {
        return new Result(false, "io_uring backend not built yet", 0, "", Set.of());
    }

    /** Shorthand for {@code probe().available()}. */
    public static boolean isAvailable() {
        return probe().available();
    }

    /** Shorthand for {@code probe().unavailabilityCause()}. */
    public static String unavailabilityCause() {
        return probe().unavailabilityCause();
    }
}
