package io.ringlog.broker.storage;

/**
 * The store's own validation refused a batch (length, magic or CRC); the broker answers
 * CORRUPT_MESSAGE. The log itself is unharmed.
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class CorruptBatchException extends PartitionLogException {
    public CorruptBatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
