package io.ringlog.core;

import io.ringlog.core.format.BatchStatus;

/**
 * A batch handed to {@link Log#appendBatch} that is not a valid RecordBatch v2, or too large.
 *
 * <p>Thread-safety: immutable.
 */
public final class InvalidBatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient BatchStatus status;

    public InvalidBatchException(BatchStatus status, int position, String detail) {
        super("invalid record batch at byte " + position + ": " + detail);
        this.status = status;
    }

    /** The validator's verdict (null when the batch was rejected for size). */
    public BatchStatus status() {
        return status;
    }
}
