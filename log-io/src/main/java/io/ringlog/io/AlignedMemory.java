package io.ringlog.io;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An owner of 4096-aligned native memory, backed by one shared {@link Arena}. Segments it hands out
 * are zeroed and stay valid until {@link #close()}.
 *
 * <p>Thread-safety: {@link #allocate} is synchronized and safe from any thread; the segments may be
 * accessed from any thread. {@link #close()} is idempotent.
 */
public final class AlignedMemory implements AutoCloseable {
    private final Arena arena = Arena.ofShared();
    private long allocatedBytes;
    private boolean closed;

    public AlignedMemory() {
        OpenResources.opened(OpenResources.Kind.ARENA);
    }

    /** Allocates {@code bytes} rounded up to a multiple of 4096, aligned to 4096, zero-filled. */
    public synchronized MemorySegment allocate(long bytes) {
        if (closed) {
            throw new IllegalStateException("aligned memory already closed");
        }
        if (bytes <= 0) {
            throw new IllegalArgumentException("allocation size must be positive, got " + bytes);
        }
        long size = Alignment.alignUp(bytes);
        MemorySegment s = arena.allocate(size, Alignment.BLOCK);
        allocatedBytes += size;
        return s;
    }

    /** Total bytes handed out so far. */
    public synchronized long allocatedBytes() {
        return allocatedBytes;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            arena.close();
            OpenResources.closed(OpenResources.Kind.ARENA);
        }
    }
}
