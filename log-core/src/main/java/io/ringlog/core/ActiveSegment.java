package io.ringlog.core;

import io.ringlog.core.segment.Segment;
import io.ringlog.io.DurableFile;

/**
 * The segment being appended to and its open durable file.
 *
 * <p>Thread-safety: immutable holder; the file is used under the log's append lock.
 */
record ActiveSegment(Segment segment, DurableFile file) {
}
