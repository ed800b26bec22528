package io.ringlog.core.segment;

import io.ringlog.core.format.BatchStatus;

/**
 * What a scan of one segment found: the valid prefix (end position, next offset, max timestamp,
 * batch count) and why it stopped.
 *
 * @param endPosition   byte after the last valid batch
 * @param nextOffset    offset after the last valid batch (the expected base of the next one)
 * @param maxTimestamp  largest batch max-timestamp seen, or -1
 * @param batches       valid batches found
 * @param stop          why the scan stopped
 * @param status        the validator's verdict at {@code endPosition} when {@code stop} is INVALID_BATCH
 * @param foundOffset   the base offset found at {@code endPosition} when {@code stop} is OFFSET_MISMATCH
 *
 * <p>Thread-safety: immutable.
 */
public record ScanResult(long endPosition, long nextOffset, long maxTimestamp, int batches, Stop stop,
                         BatchStatus status, long foundOffset) {

    /** Why a scan stopped. */
    public enum Stop {
        /** Less than a batch header was left in the file. */
        END_OF_FILE,
        /** The bytes at the end position are all zero for a whole header: written-as-zero space. */
        ZEROED,
        /** The validator rejected the batch (length, magic, CRC, truncation). */
        INVALID_BATCH,
        /** A valid batch whose base offset is not the expected continuation: stale bytes or a gap. */
        OFFSET_MISMATCH
    }

    /** True when the scan ended at zeros or the end of file (what a cleanly written tail looks like). */
    public boolean cleanEnd() {
        return stop == Stop.END_OF_FILE || stop == Stop.ZEROED;
    }

    /** A one-line description of the stop point for logs and exceptions. */
    public String describeStop() {
        return switch (stop) {
            case END_OF_FILE -> "end of file at position " + endPosition;
            case ZEROED -> "zero-filled space at position " + endPosition;
            case INVALID_BATCH -> "invalid batch at position " + endPosition + " (" + status.description()
                + "), expected offset " + nextOffset;
            case OFFSET_MISMATCH -> "batch with base offset " + foundOffset + " at position " + endPosition
                + " where offset " + nextOffset + " was expected (stale or out of order)";
        };
    }
}
