package io.ringlog.core;

/**
 * A record or batch larger than {@link LogConfig#maxBatchBytes()}.
 *
 * <p>Thread-safety: immutable.
 */
public final class RecordTooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public RecordTooLargeException(long size, int max) {
        super("batch of " + size + " bytes exceeds maxBatchBytes " + max);
    }
}
