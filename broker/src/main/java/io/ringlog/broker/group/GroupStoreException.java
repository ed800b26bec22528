package io.ringlog.broker.group;

/**
 * A group store could not read or durably write group state; the message names the store and what it
 * was doing, the cause carries the underlying I/O error.
 *
 * <p>Thread-safety: immutable after construction.
 */
public class GroupStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public GroupStoreException(String message) {
        super(message);
    }

    public GroupStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
