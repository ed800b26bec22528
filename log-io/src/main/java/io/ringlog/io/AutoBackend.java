package io.ringlog.io;

/**
 * The backend {@code auto} chose, with the selection that explains it. Closing it closes the backend.
 *
 * @param backend   the chosen, open backend (owned by the caller)
 * @param selection the figures and causes behind the choice
 *
 * <p>Thread-safety: immutable holder; the backend follows {@link IoBackend}'s rules. An io_uring
 * backend created single-issuer belongs to the thread that called {@code auto}.
 */
public record AutoBackend(IoBackend backend, AutoSelection selection) implements AutoCloseable {

    @Override
    public void close() {
        backend.close();
    }
}
