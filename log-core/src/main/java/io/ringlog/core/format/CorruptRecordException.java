package io.ringlog.core.format;

/**
 * A record or batch whose bytes do not follow the RecordBatch v2 layout (bad varint, length past the
 * batch end, wrong record count). Unchecked: it signals corrupt data handed to a decoder.
 *
 * <p>Thread-safety: immutable.
 */
public final class CorruptRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }
}
