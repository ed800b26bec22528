package io.ringlog.core;

import java.io.IOException;

/**
 * An append to a log opened read-only because recovery found corruption in a sealed segment.
 *
 * <p>Thread-safety: immutable.
 */
public final class LogReadOnlyException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient CorruptionReport report;

    public LogReadOnlyException(CorruptionReport report) {
        super("log is read-only: " + report);
        this.report = report;
    }

    public CorruptionReport report() {
        return report;
    }
}
