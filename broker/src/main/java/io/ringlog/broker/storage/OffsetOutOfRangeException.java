package io.ringlog.broker.storage;

/**
 * A read or delete asked for an offset outside {@code [logStartOffset, logEndOffset]}; the broker
 * answers OFFSET_OUT_OF_RANGE.
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class OffsetOutOfRangeException extends PartitionLogException {
    public OffsetOutOfRangeException(long offset, long logStartOffset, long logEndOffset) {
        super("offset " + offset + " outside [" + logStartOffset + ", " + logEndOffset + "]");
    }
}
