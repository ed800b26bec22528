package io.ringlog.core;

/**
 * What "append returned" promises.
 *
 * <p>Thread-safety: immutable.
 */
public enum Durability {
    /** Default. {@code append} returns only after the batch's bytes are durable on the device (O_DSYNC write, or write + fdatasync). */
    SYNC,
    /**
     * {@code append} returns once the batch is buffered; a flush leader (the next appender, or
     * {@link Log#flush()}) makes it durable soon after. {@link Log#durableEndOffset()} tells how far
     * durability has reached. A crash can lose acknowledged appends.
     */
    ASYNC,
    /**
     * Not durable: bytes are written (to the page cache with the {@code filechannel_force} path) but
     * never flushed by the log. For tests and throwaway data only; a crash can lose anything.
     */
    NONE
}
