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
 * @param appendedBatches   batches appended since open
 * @param deviceWrites      device writes since open (fewer than batches when group commit shares writes)
 *
 * <p>Thread-safety: immutable.
 */
public record LogStats(int segments, int preparedReady, long preparerStalls, long segmentsCreated,
                       long segmentsRecycled, String writePath,
                       long appendedBatches, long deviceWrites) {
}
