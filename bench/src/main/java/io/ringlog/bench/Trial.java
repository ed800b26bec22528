package io.ringlog.bench;

/**
 * Something the schedule runs once per round and that yields one {@link RoundSample}: an in-process
 * backend ({@link MeasuredTrial}) or an external tool (fio).
 *
 * <p>Thread-safety: not thread-safe; the bench runs trials one at a time.
 */
public interface Trial extends AutoCloseable {

    /** The name reported, e.g. {@code "pwrite_dsync"} or {@code "fio"}. */
    String name();

    /** A one-line description of setup choices worth showing (may be empty). */
    String note();

    /** Threads that append concurrently in this trial, or 0 for the bench's {@code --threads}. */
    default int threads() {
        return 0;
    }

    /** Runs one round (warm-up, then the measured operations) and returns its figures. */
    RoundSample runRound() throws Exception;

    @Override
    void close() throws Exception;
}
