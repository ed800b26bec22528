package io.ringlog.io.uring;

import io.ringlog.io.Errno;
import io.ringlog.io.NativeIoException;
import io.ringlog.io.uring.abi.Opcode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether io_uring works in this process, probed once: kernel support, seccomp, the
 * {@code kernel.io_uring_disabled} sysctl, which setup flags were accepted and which opcodes the
 * kernel supports (IORING_REGISTER_PROBE). Switched off with {@code -Dringlog.io_uring.disable=true}.
 *
 * <p>The probe sets up a single-issuer ring on the calling thread (so the reported flags are the ones
 * a single-issuer backend gets), checks that every opcode ringlog submits is supported, round-trips a
 * NOP and closes the ring. The kernel probe runs once per process; the property is read on every call,
 * so a test or an operator can switch io_uring off after the first probe.
 *
 * <p>Thread-safety: safe from any thread; the probe runs once.
 */
public final class IoUringProbe {

    /** System property that disables io_uring everywhere when {@code true}. */
    public static final String DISABLE_PROPERTY = "ringlog.io_uring.disable";

    private static final Path IO_URING_DISABLED_SYSCTL = Path.of("/proc/sys/kernel/io_uring_disabled");
    private static final Result DISABLED = unavailable("io_uring disabled by -D" + DISABLE_PROPERTY + "=true");

    /**
     * The probe's outcome.
     *
     * @param available          true when a ring could be set up and used
     * @param unavailabilityCause why not, or null when available
     * @param setupFlags         the IORING_SETUP_* flags the kernel accepted for a single-issuer ring
     * @param setupFlagNames     the same flags by name, e.g. {@code "SINGLE_ISSUER|DEFER_TASKRUN"}
     * @param supportedOps       names of the opcodes ringlog uses that the kernel supports (e.g. "WRITE_FIXED")
     *
     * <p>Thread-safety: immutable.
     */
    public record Result(boolean available, String unavailabilityCause, int setupFlags, String setupFlagNames,
                         Set<String> supportedOps) {
    }

    private IoUringProbe() {
    }

    /** The process-wide probe result. */
    public static Result probe() {
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            return DISABLED;
        }
        return Holder.RESULT;
    }

    /** Shorthand for {@code probe().available()}. */
    public static boolean isAvailable() {
        return probe().available();
    }

    /** Shorthand for {@code probe().unavailabilityCause()}. */
    public static String unavailabilityCause() {
        return probe().unavailabilityCause();
    }

    /** Lazy holder: the kernel is probed on first use, once. */
    private static final class Holder {
        static final Result RESULT = run();
    }

    /** Probes the kernel now, without the cache or the property (package-private for tests). */
    static Result run() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return unavailable("io_uring needs Linux; this is " + os);
        }
        try (IoUring ring = IoUring.create(8, true)) {
            if (ring.probeFailure() != null) {
                return unavailable(ring.probeFailure());
            }
            Set<String> ops = ring.supportedOps();
            Set<String> missing = new TreeSet<>();
            for (byte op : Opcode.USED) {
                if (!ops.contains(Opcode.name(op))) {
                    missing.add(Opcode.name(op));
                }
            }
            if (!missing.isEmpty()) {
                return unavailable("kernel lacks io_uring opcodes " + missing + " (READ/WRITE need Linux 5.6+)");
            }
            ring.nop();
            return new Result(true, null, ring.setupFlags(), ring.setupFlagNames(), ops);
        } catch (NativeIoException e) {
            return unavailable(explain(e));
        } catch (LinkageError | RuntimeException e) {
            // e.g. IllegalCallerException without --enable-native-access, or no libc symbol.
            return unavailable("io_uring probe failed: " + e);
        }
    }

    private static Result unavailable(String cause) {
        return new Result(false, cause, 0, "", Set.of());
    }

    private static String explain(NativeIoException e) {
        return switch (e.errno()) {
            case Errno.ENOSYS -> e.getMessage() + ": the kernel has no io_uring (CONFIG_IO_URING=n) or a seccomp"
                + " filter (e.g. a container runtime's default profile) blocks it";
            case Errno.EPERM -> e.getMessage() + ": blocked by " + sysctlDescription() + " or by a seccomp filter";
            case Errno.ENOMEM -> e.getMessage() + ": out of locked memory for the rings (see ulimit -l)";
            default -> e.getMessage();
        };
    }

    /** What {@code /proc/sys/kernel/io_uring_disabled} (6.6+) says, for EPERM messages. */
    static String sysctlDescription() {
        String value;
        try {
            value = Files.readString(IO_URING_DISABLED_SYSCTL).trim();
        } catch (IOException e) {
            return "no kernel.io_uring_disabled sysctl (kernel before 6.6)";
        }
        String meaning = switch (value) {
            case "0" -> "all processes may create rings";
            case "1" -> "only CAP_SYS_ADMIN or members of kernel.io_uring_group may create rings";
            case "2" -> "io_uring is disabled for everyone";
            default -> "unknown value";
        };
        return "kernel.io_uring_disabled=" + value + " (" + meaning + ")";
    }
}
