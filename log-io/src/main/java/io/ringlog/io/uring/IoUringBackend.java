package io.ringlog.io.uring;

import io.ringlog.io.AlignedMemory;
import io.ringlog.io.Alignment;
import io.ringlog.io.BackendKind;
import io.ringlog.io.DurableFile;
import io.ringlog.io.IoBackend;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.NativeIoException;
import io.ringlog.io.OpenResources;
import io.ringlog.io.nativeio.Libc;
import io.ringlog.io.nativeio.LinuxFlags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * The io_uring write path: one {@link IoUring} plus one region of {@link IoBackendConfig#registeredBytes()}
 * registered as its fixed buffer. {@link #allocate} hands out 4096-aligned slices of that region (a bump
 * allocator, never freed before {@link #close()}); once it is used up, or when registration failed
 * (RLIMIT_MEMLOCK), allocations come from plain aligned memory and writes use WRITE instead of
 * WRITE_FIXED. Files are opened O_DIRECT|O_CLOEXEC|O_RDWR and put into the ring's file table.
 *
 * <p>Thread-safety: {@link #open} and {@link #allocate} are safe from any thread. With
 * {@code singleIssuer} the files' I/O is confined to the thread that created the backend; otherwise the
 * ring serializes I/O from any thread. {@link #close()} is idempotent.
 */
public final class IoUringBackend implements IoBackend {
    private static final Logger LOG = LoggerFactory.getLogger(IoUringBackend.class);
    private static final int FILE_MODE = 0644;

    private final IoUring ring;
    private final AlignedMemory memory;
    private final MemorySegment region;
    private long regionUsed;
    private boolean closed;

    private IoUringBackend(IoUring ring, AlignedMemory memory, MemorySegment region) {
        this.ring = ring;
        this.memory = memory;
        this.region = region;
    }

    /**
     * Sets up the ring and registers the buffer region. A failed buffer registration is logged and the
     * backend continues with unregistered memory; a failed ring setup throws.
     */
    public static IoUringBackend create(IoBackendConfig config) throws NativeIoException {
        IoUring ring = IoUring.create(config.ringEntries(), config.singleIssuer());
        AlignedMemory memory = new AlignedMemory();
        try {
            MemorySegment region = null;
            if (config.registeredBytes() > 0) {
                region = memory.allocate(config.registeredBytes());
                try {
                    ring.registerBuffer(region);
                } catch (NativeIoException e) {
                    LOG.info("io_uring: {}; writes use WRITE instead of WRITE_FIXED", ring.fixedBufferFailure());
                }
            }
            return new IoUringBackend(ring, memory, region);
        } catch (RuntimeException | Error e) {
            memory.close();
            ring.close();
            throw e;
        }
    }

    @Override
    public BackendKind kind() {
        return BackendKind.IO_URING;
    }

    /** The backend's ring (e.g. for {@link IoUring#nop()} or to report its setup flags). */
    public IoUring ring() {
        return ring;
    }

    /** True when the region is registered, so slices from {@link #allocate} are written with WRITE_FIXED. */
    public boolean hasRegisteredBuffer() {
        return ring.hasFixedBuffer();
    }

    @Override
    public synchronized MemorySegment allocate(long bytes) {
        if (closed) {
            throw new IllegalStateException("io_uring backend already closed");
        }
        if (bytes <= 0) {
            throw new IllegalArgumentException("allocation size must be positive, got " + bytes);
        }
        long size = Alignment.alignUp(bytes);
        if (region != null && size <= region.byteSize() - regionUsed) {
            MemorySegment slice = region.asSlice(regionUsed, size);
            regionUsed += size;
            return slice;
        }
        return memory.allocate(size);
    }

    @Override
    public DurableFile open(Path file, boolean create) throws IOException {
        int flags = LinuxFlags.O_RDWR | LinuxFlags.O_CLOEXEC | LinuxFlags.oDirect() | (create ? LinuxFlags.O_CREAT : 0);
        int fd = Libc.openOrThrow(file.toString(), flags, FILE_MODE);
        OpenResources.opened(OpenResources.Kind.FD);
        try {
            return new IoUringFile(file, ring, ring.registerFile(fd, file.toString()));
        } catch (RuntimeException | Error e) {
            Libc.close(fd);
            OpenResources.closed(OpenResources.Kind.FD);
            throw e;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            ring.close();
        } finally {
            memory.close();
        }
    }

    @Override
    public String toString() {
        return "IoUringBackend[" + ring + (hasRegisteredBuffer() ? ", registered " + region.byteSize() + " bytes" : "") + "]";
    }
}
