package io.ringlog.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * A durable write path: opens {@link DurableFile}s and hands out aligned memory suited to it
 * (registered with the ring for io_uring). Memory from {@link #allocate(long)} lives until the
 * backend is closed; files must be closed before their backend.
 *
 * <p>Thread-safety: {@link #open} and {@link #allocate} are safe from any thread. The files it opens
 * follow {@link DurableFile}'s rules; an io_uring backend created single-issuer additionally confines
 * its files' I/O to the thread that created it and fails clearly from any other thread.
 */
public interface IoBackend extends AutoCloseable {

    /** Which write path this is. */
    BackendKind kind();

    /**
     * Allocates {@code bytes} (rounded up to 4096) of zeroed, 4096-aligned native memory owned by this
     * backend. On io_uring the first {@link IoBackendConfig#registeredBytes()} bytes handed out are
     * registered buffers (WRITE_FIXED); later allocations still work, through plain WRITE.
     */
    MemorySegment allocate(long bytes);

    /**
     * Opens {@code file} for durable writes, creating it (empty) when {@code create} is true and it is
     * missing. Direct-I/O paths open it with O_DIRECT.
     */
    DurableFile open(Path file, boolean create) throws IOException;

    /** Releases the backend's memory and, for io_uring, the ring. Safe to call twice. */
    @Override
    void close();
}
