package io.ringlog.bench.target;

import io.ringlog.io.BackendKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The backend names the bench accepts: every log-io {@link BackendKind} (so a kind added to log-io is
 * benchmarkable without touching the bench) plus the two peers implemented here and {@code auto}.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class BackendNames {
    /** Kafka-style: FileChannel append to a growing file + force(false) after each write. */
    public static final String APPEND_FORCE = "append_force";
    /** Chronicle-style: Chronicle Bytes MappedBytes append + msync(MS_SYNC) after each write. */
    public static final String CHRONICLE_MSYNC = "chronicle_msync";
    /** log-io's probe + calibration choice. */
    public static final String AUTO = "auto";
    /**
     * Prefix of a same-run baseline on the log target: {@code raw:pwrite_dsync} is the raw target's QD1
     * 4 KiB overwrite through that backend, interleaved with the log rows so ratios come from one run.
     */
    public static final String RAW_PREFIX = "raw:";
    /**
     * Prefix of the log target's second baseline: {@code rawbatch:pwrite_dsync} is the same QD1
     * overwrite, but of the bytes one append writes (its one-record batch rounded up to 4 KiB blocks:
     * 8 KiB for a 4096 B record, whose batch is 4166 B), so the ratio isolates the log's own cost
     * from the extra block a 4 KiB record needs.
     */
    public static final String RAW_BATCH_PREFIX = "rawbatch:";

    /**
     * Separator of a per-backend thread count on the log target: {@code pwrite_dsync@1} runs that
     * backend with one appending thread whatever {@code --threads} says, so a 1-thread and a 16-thread
     * row of the same backend share one interleaved run (their ratio is the scaling figure).
     */
    public static final String THREADS_SEPARATOR = "@";

    private BackendNames() {
    }

    /** All accepted names, log-io kinds first. */
    public static List<String> all() {
        List<String> names = new ArrayList<>(Arrays.stream(BackendKind.values()).map(BackendKind::externalName).toList());
        names.addAll(List.of(APPEND_FORCE, CHRONICLE_MSYNC, AUTO));
        return List.copyOf(names);
    }

    /** The thread count after {@code @} in {@code name}, or {@code fallback} without one. */
    public static int threadsOf(String name, int fallback) {
        int at = name.indexOf(THREADS_SEPARATOR);
        if (at < 0) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(name.substring(at + 1));
            if (n >= 1 && n <= 1024) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + name + "': the thread count after @ must be in [1, 1024]");
    }

    /** {@code name} without a {@code @threads} suffix. */
    public static String withoutThreads(String name) {
        int at = name.indexOf(THREADS_SEPARATOR);
        return at < 0 ? name : name.substring(0, at);
    }

    /** Throws {@link IllegalArgumentException} naming the accepted values when {@code name} is unknown. */
    public static String check(String name) {
        String prefix = name.startsWith(RAW_PREFIX) ? RAW_PREFIX : name.startsWith(RAW_BATCH_PREFIX) ? RAW_BATCH_PREFIX : "";
        String plain = name.substring(prefix.length());
        int at = plain.indexOf(THREADS_SEPARATOR);
        if (at >= 0) {
            threadsOf(name, 1);
            plain = plain.substring(0, at);
        }
        if (!prefix.isEmpty() && (plain.equals(APPEND_FORCE) || plain.equals(CHRONICLE_MSYNC))) {
            throw new IllegalArgumentException("'" + name + "': the " + prefix + " prefix takes a log-io backend or auto");
        }
        if (!all().contains(plain)) {
            throw new IllegalArgumentException("unknown backend '" + name + "'; expected one of " + all());
        }
        return name;
    }
}
