package io.ringlog.bench;

import io.ringlog.bench.target.BenchTarget;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A target without I/O: backends in {@code unavailable} fail to open, {@code failing} fails its 50th write. */
final class FakeTarget implements BenchTarget {
    final Set<String> unavailable;
    final String failing;
    final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    final int threads;
    boolean closed;

    FakeTarget(Set<String> unavailable, String failing) {
        this(unavailable, failing, 1);
    }

    FakeTarget(Set<String> unavailable, String failing, int threads) {
        this.unavailable = unavailable;
        this.failing = failing;
        this.threads = threads;
    }

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public void prepare() {
        log.add("prepare");
    }

    @Override
    public List<Contender> open(String backend) throws IOException {
        if (unavailable.contains(backend)) {
            throw new IOException(backend + " cannot run in this test");
        }
        List<Contender> contenders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            contenders.add(contender(backend));
        }
        return contenders;
    }

    private Contender contender(String backend) {
        return new Contender() {
            private int writes;

            @Override
            public String backend() {
                return backend;
            }

            @Override
            public void beginRound() {
                log.add(backend);
            }

            @Override
            public void writeOnce() throws IOException {
                if (backend.equals(failing) && ++writes == 50) {
                    throw new IOException("simulated EIO on write 50");
                }
                Thread.onSpinWait();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Optional<Path> fioFile() {
        return Optional.empty();
    }

    @Override
    public void close() {
        closed = true;
    }
}
