package io.ringlog.broker.storage;

/**
 * The store refused a batch because it is larger than the partition's largest batch; the broker
 * answers MESSAGE_TOO_LARGE.
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class BatchTooLargeException extends PartitionLogException {
    public BatchTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
