package io.ringlog.broker.topic;

import org.apache.kafka.common.protocol.Errors;

/**
 * The outcome of appending one batch to a partition.
 *
 * <p>Thread-safety: immutable.
 *
 * @param error          NONE on success (including a detected duplicate)
 * @param baseOffset     the batch's first offset, -1 on error
 * @param logStartOffset the partition's log start offset after the append, -1 on error
 * @param message        detail for the client on error, else null
 */
public record AppendResult(Errors error, long baseOffset, long logStartOffset, String message) {

    static AppendResult success(long baseOffset, long logStartOffset) {
        return new AppendResult(Errors.NONE, baseOffset, logStartOffset, null);
    }

    public static AppendResult failure(Errors error, String message) {
        return new AppendResult(error, -1, -1, message);
    }
}
