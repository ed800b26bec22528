package io.ringlog.core;

import java.io.IOException;

/**
 * An append to a log whose earlier durable write or flush failed. The state of the device after a
 * failed fsync is unknown (retrying it and reporting success is the "fsyncgate" bug), so the log
 * refuses every append until it is closed and reopened, which re-runs recovery. The cause is the
 * original failure.
 *
 * <p>Thread-safety: immutable.
 */
public final class LogFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    public LogFailedException(String dir, IOException cause) {
        super("log " + dir + " failed on an earlier durable write and accepts no appends until reopened: "
            + cause.getMessage(), cause);
    }
}
