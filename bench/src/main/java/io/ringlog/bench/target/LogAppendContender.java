package io.ringlog.bench.target;

import io.ringlog.bench.Contender;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One appending thread of the {@code log} target: each {@link #writeOnce()} is one
 * {@code Log.append(MemorySegment)} of a {@code --size}-byte record, durable (SYNC) on return. All
 * threads of a backend append to the one log of a shared {@link LogSession}; only the first contender
 * (index 0) opens (before the first round) and closes it, from the bench thread.
 *
 * <p>Thread-safety: not thread-safe; one appending thread drives it.
 */
final class LogAppendContender implements Contender {
    private final LogSession session;
    private final boolean owner;
    private final String name;
    private final MemorySegment value;

    LogAppendContender(LogSession session, int index, String name, int recordBytes) {
        this.session = session;
        this.owner = index == 0;
        this.name = name;
        // One record value per thread, allocated once: the append path itself must not allocate.
        this.value = Arena.ofAuto().allocate(Math.max(recordBytes, 1)).fill(LogIoContender.PATTERN)
            .asSlice(0, recordBytes);
    }

    @Override
    public String backend() {
        return name;
    }

    @Override
    public String note() {
        return session.describe();
    }

    @Override
    public void beginRound() throws IOException {
        if (owner) {
            session.beginRound();
        }
    }

    @Override
    public void writeOnce() throws IOException {
        session.log().append(value);
    }

    @Override
    public void close() throws IOException {
        if (owner) {
            session.close();
        }
    }
}
