package io.ringlog.core;

/**
 * What {@link Log#open} does when a sealed segment (not the tail) is corrupt in the middle.
 *
 * <p>Thread-safety: immutable.
 */
public enum CorruptionPolicy {
    /** Default: open read-only up to the corruption; appends fail with {@link LogReadOnlyException}. Nothing is deleted. */
    READ_ONLY,
    /** Truncate the log at the corruption (delete everything after it) and open for appends. Data after it is lost. */
    TRUNCATE
}
