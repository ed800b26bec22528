package io.ringlog.bench.target;

import io.ringlog.bench.Contender;
import io.ringlog.io.DurableFile;
import io.ringlog.io.IoBackend;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Any log-io backend on the raw target: {@link DurableFile#writeDurable} of one aligned buffer from
 * {@link IoBackend#allocate} (registered with the ring on io_uring), at consecutive offsets of the
 * pre-zeroed file starting from 0 each round.
 *
 * <p>Thread-safety: not thread-safe.
 */
final class LogIoContender implements Contender {
    /** Written bytes: a non-zero pattern, the same for every backend and peer. */
    static final byte PATTERN = (byte) 0xA5;

    private final IoBackend backend;
    private final DurableFile file;
    private final MemorySegment buffer;
    private final String name;
    private final String note;
    private long offset;

    LogIoContender(IoBackend backend, Path path, int bytesPerOp, boolean auto) throws IOException {
        this.backend = backend;
        this.buffer = backend.allocate(bytesPerOp).fill(PATTERN);
        this.file = backend.open(path, false);
        this.name = auto ? BackendNames.AUTO : backend.kind().externalName();
        this.note = auto ? "auto chose " + backend.kind().externalName() : "";
    }

    @Override
    public String backend() {
        return name;
    }

    @Override
    public String note() {
        return note;
    }

    @Override
    public void beginRound() {
        offset = 0;
    }

    @Override
    public void writeOnce() throws IOException {
        file.writeDurable(buffer, offset);
        offset += buffer.byteSize();
    }

    @Override
    public void close() throws IOException {
        try {
            file.close();
        } finally {
            backend.close();
        }
    }
}
