package io.ringlog.core;

import java.nio.file.Path;

/**
 * Where recovery found a sealed segment broken: the segment file, the byte position of the first bad
 * batch, the offset expected there and what was wrong.
 *
 * <p>Thread-safety: immutable.
 */
public record CorruptionReport(Path segment, long position, long expectedOffset, String detail) {
    @Override
    public String toString() {
        return "corrupt segment " + segment + " at position " + position + ", expected offset " + expectedOffset
            + ": " + detail;
    }
}
