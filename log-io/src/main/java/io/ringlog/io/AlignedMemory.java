package io.ringlog.io;

import io.ringlog.io.nativeio.Libc;
import io.ringlog.io.nativeio.LinuxFlags;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Locale;

/**
 * An owner of 4096-aligned native memory, backed by one shared {@link Arena}. Segments it hands out
 * are zeroed and stay valid until {@link #close()}.
 *
 * <p>On Linux, allocations of {@value #LAZY_THRESHOLD} bytes or more are anonymous private mappings:
 * the kernel's zero pages, which cost no resident memory until first touched. {@code Arena.allocate}
 * instead writes zeros over the whole block, so every byte counts against RSS at once. A log's two tail
 * buffers are sized for the largest pending write (1 MiB each by default) but a partition written one
 * small batch at a time only ever touches their first pages: with 500 partitions that is the
 * difference between ~1 GiB and a few MiB resident.
 *
 * <p>Thread-safety: {@link #allocate} is synchronized and safe from any thread; the segments may be
 * accessed from any thread. {@link #close()} is idempotent.
 */
public final class AlignedMemory implements AutoCloseable {
    static final long LAZY_THRESHOLD = 64 * 1024;
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

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
        MemorySegment s = size >= LAZY_THRESHOLD && LINUX ? mapLazily(size) : arena.allocate(size, Alignment.BLOCK);
        allocatedBytes += size;
        return s;
    }

    /** An anonymous mapping (page-aligned, zero, untouched), unmapped when the arena closes. */
    private MemorySegment mapLazily(long size) {
        try {
            MemorySegment m = Libc.mmap(size, LinuxFlags.PROT_READ | LinuxFlags.PROT_WRITE,
                LinuxFlags.MAP_PRIVATE | LinuxFlags.MAP_ANONYMOUS, -1, 0, "aligned memory");
            return m.reinterpret(size, arena, unmapped -> Libc.munmap(unmapped, size));
        } catch (NativeIoException | RuntimeException | LinkageError e) {
            return arena.allocate(size, Alignment.BLOCK); // no mmap here: eager zeroed memory still works
        }
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
