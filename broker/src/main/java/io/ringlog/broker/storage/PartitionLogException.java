package io.ringlog.broker.storage;

/**
 * A storage failure of one partition (I/O error, closed log, disk full), with the partition named in
 * the message and the cause chained. The broker answers it with KAFKA_STORAGE_ERROR.
 *
 * <p>Thread-safety: immutable after construction.
 */
public class PartitionLogException extends Exception {
    public PartitionLogException(String message) {
        super(message);
    }

    public PartitionLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
