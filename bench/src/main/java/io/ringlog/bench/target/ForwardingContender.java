package io.ringlog.bench.target;

import io.ringlog.bench.Contender;

import java.io.IOException;

/**
 * A {@link Contender} that passes every call to {@link #delegate()}; implementations override only what
 * they change (a name, a note, work before a round).
 *
 * <p>Thread-safety: that of the delegate.
 */
interface ForwardingContender extends Contender {

    /** The contender that does the writes. */
    Contender delegate();

    @Override
    default String backend() {
        return delegate().backend();
    }

    @Override
    default String note() {
        return delegate().note();
    }

    @Override
    default void beginRound() throws IOException {
        delegate().beginRound();
    }

    @Override
    default void writeOnce() throws IOException {
        delegate().writeOnce();
    }

    @Override
    default void endRound() throws IOException {
        delegate().endRound();
    }

    @Override
    default void close() throws IOException {
        delegate().close();
    }
}
