package io.ringlog.core.tools;

import java.util.List;

/**
 * The outcome of {@link LogVerify}: counts, problems (each fails the check) and warnings (a torn tail
 * that recovery will truncate, which is normal after a crash).
 *
 * <p>Thread-safety: immutable.
 */
public record VerifyResult(int segments, long batches, long firstOffset, long nextOffset, long bytes,
                           List<String> problems, List<String> warnings) {

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The summary line, e.g. {@code "OK: 3 segments, 1200 batches, offsets 0..1199, 812345 bytes"}. */
    public String summary() {
        String counts = segments + " segments, " + batches + " batches, offsets " + firstOffset + ".." + (nextOffset - 1)
            + ", " + bytes + " bytes";
        return (ok() ? "OK: " : "FAILED (" + problems.size() + " problem(s)): ") + counts
            + (warnings.isEmpty() ? "" : ", " + warnings.size() + " warning(s)");
    }
}
