package io.ringlog.io.pwrite;

import io.ringlog.io.Alignment;
import io.ringlog.io.BackendKind;
import io.ringlog.io.DurableFile;
import io.ringlog.io.Errno;
import io.ringlog.io.NativeIoException;
import io.ringlog.io.OpenResources;
import io.ringlog.io.nativeio.Libc;
import io.ringlog.io.nativeio.LibcSystem;
import io.ringlog.io.nativeio.LinuxFlags;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A {@link DurableFile} over an O_DIRECT fd written with {@code pwritev2}. The single {@code iovec} is
 * allocated once per file and refilled per call, so a write allocates nothing on the Java heap.
 * Short transfers are continued from where they stopped; EINTR is retried.
 *
 * <p>Thread-safety: not thread-safe (see {@link DurableFile}); {@link #close()} is idempotent.
 */
final class PwriteFile implements DurableFile {
    private static final String WRITE_DSYNC = "pwritev2(RWF_DSYNC)";
    private static final String WRITE_PLAIN = "pwritev2";
    private static final String READ = "preadv2";

    private final Path path;
    private final String pathName;
    private final int fd;
    // Shared, not confined: the log may hand a file from the thread that opened it to its writer thread.
    private final Arena arena = Arena.ofShared();
    private final MemorySegment iov;
    private boolean closed;

    PwriteFile(Path path, int fd) {
        this.path = path;
        this.pathName = path.toString();
        this.fd = fd;
        this.iov = arena.allocate(Libc.IOVEC);
        OpenResources.opened(OpenResources.Kind.FD);
        OpenResources.opened(OpenResources.Kind.ARENA);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public BackendKind kind() {
        return BackendKind.PWRITE_DSYNC;
    }

    @Override
    public void writeDurable(MemorySegment src, long offset) throws IOException {
        writeFully(src, offset, LinuxFlags.RWF_DSYNC, WRITE_DSYNC);
    }

    @Override
    public void write(MemorySegment src, long offset) throws IOException {
        writeFully(src, offset, 0, WRITE_PLAIN);
    }

    private void writeFully(MemorySegment src, long offset, int rwFlags, String call) throws IOException {
        Alignment.check(src, offset, call);
        ensureOpen();
        long length = src.byteSize();
        long done = 0;
        while (done < length) {
            setIov(src.address() + done, length - done);
            long n = Libc.pwritev2(fd, iov, 1, offset + done, rwFlags);
            if (n > 0) {
                done += n;
            } else if (n < 0) {
                int errno = Libc.lastErrno();
                if (errno != Errno.EINTR) {
                    throw NativeIoException.of(errno, call, pathName, offset + done, length - done);
                }
            } else {
                // 0 bytes for a non-empty write: retrying would spin; report it with the range.
                throw NativeIoException.of(0, call + " wrote 0 bytes", pathName, offset + done, length - done);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (Libc.fdatasync(fd) != 0) {
            throw NativeIoException.of(Libc.lastErrno(), "fdatasync", pathName, NativeIoException.NONE,
                NativeIoException.NONE);
        }
    }

    @Override
    public int read(MemorySegment dst, long offset) throws IOException {
        Alignment.check(dst, offset, READ);
        ensureOpen();
        long length = dst.byteSize();
        long done = 0;
        while (done < length) {
            setIov(dst.address() + done, length - done);
            long n = Libc.preadv2(fd, iov, 1, offset + done, 0);
            if (n > 0) {
                done += n;
            } else if (n == 0) {
                break; // end of file
            } else {
                int errno = Libc.lastErrno();
                if (errno != Errno.EINTR) {
                    throw NativeIoException.of(errno, READ, pathName, offset + done, length - done);
                }
            }
        }
        return (int) done;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        long end = LibcSystem.lseek(fd, 0, LibcSystem.SEEK_END);
        if (end < 0) {
            throw NativeIoException.of(Libc.lastErrno(), "lseek(SEEK_END)", pathName, NativeIoException.NONE,
                NativeIoException.NONE);
        }
        return end;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // The fd is gone after close(2) even when it reports an error (Linux never retries), so the
        // counters and the iovec are released before any exception is thrown.
        int rc = Libc.close(fd);
        int errno = rc == 0 ? 0 : Libc.lastErrno();
        arena.close();
        OpenResources.closed(OpenResources.Kind.ARENA);
        OpenResources.closed(OpenResources.Kind.FD);
        if (rc != 0) {
            throw NativeIoException.of(errno, "close", pathName, NativeIoException.NONE, NativeIoException.NONE);
        }
    }

    private void setIov(long address, long length) {
        // iov_base is written as a 64-bit integer: ringlog runs on 64-bit Linux only (x86-64, arm64),
        // and this avoids creating a MemorySegment per call.
        iov.set(JAVA_LONG, Libc.IOV_BASE_OFFSET, address);
        iov.set(JAVA_LONG, Libc.IOV_LEN_OFFSET, length);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("file already closed: " + pathName);
        }
    }
}
