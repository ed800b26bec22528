package io.ringlog.io;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of {@code auto}: which write path was chosen for a directory, and the figures or causes
 * of every candidate.
 *
 * @param chosen     the chosen backend
 * @param candidates one entry per {@link BackendKind}, in enum order
 * @param fromCache  true when the choice came from the directory's cached calibration
 * @param cacheNote  why a cached choice was not used (e.g. "kernel changed"), or null
 * @param storage    the probed storage of the directory
 * @param kernel     the kernel release the choice applies to
 *
 * <p>Thread-safety: immutable.
 */
public record AutoSelection(BackendKind chosen, List<Candidate> candidates, boolean fromCache, String cacheNote,
                            StorageInfo storage, String kernel) {

    public AutoSelection {
        candidates = List.copyOf(candidates);
    }

    /**
     * One candidate's calibration figures, or the cause that kept it out.
     *
     * @param kind         the backend
     * @param cause        why it was not measured (unavailable, disabled, failed to open), or null
     * @param samples      measured QD1 4 KiB durable overwrites
     * @param p50Micros    median latency in microseconds
     * @param p99Micros    99th percentile latency in microseconds
     * @param opsPerSecond writes per second of time spent inside the writes
     *
     * <p>Thread-safety: immutable.
     */
    public record Candidate(BackendKind kind, String cause, int samples, double p50Micros, double p99Micros,
                            double opsPerSecond) {

        /** A candidate kept out by {@code cause}. */
        public static Candidate excluded(BackendKind kind, String cause) {
            return new Candidate(kind, cause, 0, Double.NaN, Double.NaN, Double.NaN);
        }

        /** True when the candidate was calibrated. */
        public boolean measured() {
            return cause == null;
        }
    }

    /** The entry for {@code kind}. */
    public Candidate candidate(BackendKind kind) {
        for (Candidate c : candidates) {
            if (c.kind() == kind) {
                return c;
            }
        }
        throw new IllegalArgumentException("no candidate " + kind);
    }

    /** The one-line summary logged at INFO: choice, the p50s, and why the others lost or were out. */
    public String summary() {
        Candidate best = candidate(chosen);
        StringBuilder sb = new StringBuilder("auto write path for ").append(storage.directory()).append(": ")
            .append(chosen.externalName()).append(" (").append(storage.describe()).append(", kernel ").append(kernel)
            .append(fromCache ? "; cached calibration" : "; calibrated now")
            .append(cacheNote == null ? "" : ", " + cacheNote).append("): p50 ")
            .append(chosen.externalName()).append(' ').append(micros(best.p50Micros()));
        for (Candidate c : candidates) {
            if (c.kind() != chosen && c.measured()) {
                double ratio = c.p50Micros() / best.p50Micros();
                sb.append(", ").append(c.kind().externalName()).append(' ').append(micros(c.p50Micros()))
                    .append(String.format(Locale.ROOT, ratio > 1 ? " (%.2fx, slower p50)"
                        : " (%.2fx, within the 5 %% tie margin; earlier in the preference order wins)", ratio));
            }
        }
        for (Candidate c : candidates) {
            if (!c.measured()) {
                sb.append("; ").append(c.kind().externalName()).append(" out: ").append(c.cause());
            }
        }
        return sb.toString();
    }

    private static String micros(double us) {
        return String.format(Locale.ROOT, "%.1f us", us);
    }
}
