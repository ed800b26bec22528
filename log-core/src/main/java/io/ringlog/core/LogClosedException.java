package io.ringlog.core;

/**
 * Use of a closed log or reader.
 *
 * <p>Thread-safety: immutable.
 */
public final class LogClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public LogClosedException(String what) {
        super(what + " is closed");
    }
}
