package io.ringlog.bench.target;

/**
 * A target that cannot run in this build or on this machine (e.g. {@code --target log} before
 * log-core's Log API exists). The message is shown to the user as is.
 *
 * <p>Thread-safety: immutable.
 */
public final class TargetUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public TargetUnavailableException(String message) {
        super(message);
    }
}
