package io.ringlog.core;

/**
 * A snapshot of a log's counters.
 *
 * @param segments          segment files in use
 * @param preparedReady     prepared segment files ready now
 * @param preparerStalls    times an append had to wait for the preparer (should stay 0)
 * @param segmentsCreated   segment files zero-filled since open
 * @param segmentsRecycled  retired segments recycled by rename since open
 * @param writePath         the backend's external name
 *
 * <p>Thread-safety: immutable.
 */
public record LogStats(int segments, int preparedReady, long preparerStalls, long segmentsCreated,
                       long segmentsRecycled, String writePath) {
}
