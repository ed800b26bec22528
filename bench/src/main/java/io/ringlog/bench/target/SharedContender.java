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
    private final String name;

    private SharedContender(Contender peer, boolean owner, String name) {
        this.peer = peer;
        this.owner = owner;
        this.name = name;
    }

    /**
     * {@code threads} views of {@code peer} reported as {@code name}; with one thread there is no other
     * writer, yet the view still takes the (then uncontended, ~20 ns) monitor, so rows compare alike.
     */
    static List<Contender> views(Contender peer, int threads, String name) {
        List<Contender> views = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            views.add(new SharedContender(peer, i == 0, name));
        }
        return views;
    }

    @Override
    public String backend() {
        return name;
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
