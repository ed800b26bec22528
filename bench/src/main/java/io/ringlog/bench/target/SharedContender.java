package io.ringlog.bench.target;

import io.ringlog.bench.Contender;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Several appending threads over one single-threaded peer (e.g. Kafka-style {@code append_force}):
 * every write takes the peer's monitor, as Kafka appends and (with {@code flush.messages=1}) flushes
 * under its log lock. The first view begins, ends and closes the peer.
 *
 * <p>Thread-safety: thread-safe for {@link #writeOnce()}; the rest from the bench thread.
 */
final class SharedContender implements Contender {
    private final Contender peer;
    private final boolean owner;

    private SharedContender(Contender peer, boolean owner) {
        this.peer = peer;
        this.owner = owner;
    }

    /** {@code threads} views of {@code peer}; one thread gets the peer itself (no monitor). */
    static List<Contender> views(Contender peer, int threads) {
        if (threads == 1) {
            return List.of(peer);
        }
        List<Contender> views = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            views.add(new SharedContender(peer, i == 0));
        }
        return views;
    }

    @Override
    public String backend() {
        return peer.backend();
    }

    @Override
    public String note() {
        return peer.note();
    }

    @Override
    public void beginRound() throws IOException {
        if (owner) {
            peer.beginRound();
        }
    }

    @Override
    public void writeOnce() throws IOException {
        synchronized (peer) {
            peer.writeOnce();
        }
    }

    @Override
    public void endRound() throws IOException {
        if (owner) {
            peer.endRound();
        }
    }

    @Override
    public void close() throws IOException {
        if (owner) {
            peer.close();
        }
    }
}
