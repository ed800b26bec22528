package io.ringlog.core;

/**
 * A read or truncation at an offset outside {@code [startOffset, endOffset]}.
 *
 * <p>Thread-safety: immutable.
 */
public final class OffsetOutOfRangeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final long offset;
    private final long startOffset;
    private final long endOffset;

    public OffsetOutOfRangeException(long offset, long startOffset, long endOffset) {
        super("offset " + offset + " is outside the log's range [" + startOffset + ", " + endOffset + "]");
        this.offset = offset;
        this.startOffset = startOffset;
        this.endOffset = endOffset;
    }

    public long offset() {
        return offset;
    }

    public long startOffset() {
        return startOffset;
    }

    public long endOffset() {
        return endOffset;
    }
}
