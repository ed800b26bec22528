package io.ringlog.bench;

import java.io.IOException;

/**
 * One backend of a target, driven by {@link Measurement}: the same loop calls every contender, so no
 * backend is special-cased in measurement code. Each implementation does one durable write per
 * {@link #writeOnce()} (the latency measured is from that call to its return).
 *
 * <p>Thread-safety: not thread-safe; one measuring thread drives a contender.
 */
public interface Contender extends AutoCloseable {

    /** The external backend name reported in results, e.g. {@code "filechannel_force"}. */
    String backend();

    /** A one-line description of what was set up (e.g. what {@code auto} chose); may be empty. */
    default String note() {
        return "";
    }

    /** Untimed: resets to the start of the round (first offset of the pre-zeroed file, or a new file). */
    void beginRound() throws IOException;

    /** Timed: one write of the configured size that is durable when this returns. */
    void writeOnce() throws IOException;

    /**
     * Untimed, after the measured phase (also after a failed one): releases what must not outlive the
     * round, e.g. a memory mapping, whose pages the next backend's O_DIRECT writes would otherwise have
     * to unmap on every write and which posix_fadvise cannot drop while mapped.
     */
    default void endRound() throws IOException {
    }

    @Override
    void close() throws IOException;
}
