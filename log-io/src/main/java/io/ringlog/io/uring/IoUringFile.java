package io.ringlog.io.uring;

import io.ringlog.io.BackendKind;
import io.ringlog.io.DurableFile;
import io.ringlog.io.NativeIoException;
import io.ringlog.io.OpenResources;
import io.ringlog.io.nativeio.Libc;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link DurableFile} whose I/O goes through its backend's {@link IoUring}: writeDurable is
 * WRITE_FIXED (or WRITE for memory outside the registered buffer) with rw_flags RWF_DSYNC on an
 * O_DIRECT fd, through the registered file slot when there is one; flush is IORING_OP_FSYNC with
 * IORING_FSYNC_DATASYNC. Alignment is checked before the kernel is entered.
 *
 * <p>Thread-safety: not thread-safe (see {@link DurableFile}); on a single-issuer backend only the
 * backend's creating thread may do I/O. {@link #close()} may be called twice, from any thread.
 */
final class IoUringFile implements DurableFile {
    private final Path path;
    private final IoUring ring;
    private final RingFd file;
    private boolean closed;

    IoUringFile(Path path, IoUring ring, RingFd file) {
        this.path = path;
        this.ring = ring;
        this.file = file;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public BackendKind kind() {
        return BackendKind.IO_URING;
    }

    /** True when the file uses a slot of the ring's registered file table (IOSQE_FIXED_FILE). */
    boolean isFixedFile() {
        return file.isFixed();
    }

    /** The ring's handle of this file (package-private for tests). */
    RingFd ringFd() {
        return file;
    }

    @Override
    public void writeDurable(MemorySegment src, long offset) throws IOException {
        checkOpen();
        ring.writeDurable(file, src, offset);
    }

    @Override
    public void write(MemorySegment src, long offset) throws IOException {
        checkOpen();
        ring.write(file, src, offset);
    }

    @Override
    public void flush() throws IOException {
        checkOpen();
        ring.fdatasync(file);
    }

    @Override
    public int read(MemorySegment dst, long offset) throws IOException {
        checkOpen();
        return ring.read(file, dst, offset);
    }

    @Override
    public long size() throws IOException {
        checkOpen();
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw NativeIoException.fromJdk(e, "size", path, NativeIoException.NONE, NativeIoException.NONE);
        }
    }

    private void checkOpen() {
        // A closed fd number may already belong to another file: never hand it to the kernel.
        if (closed) {
            throw new IllegalStateException(path + " is closed");
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        int rc;
        try {
            ring.unregisterFile(file);
        } finally {
            rc = Libc.close(file.fd());
            OpenResources.closed(OpenResources.Kind.FD);
        }
        if (rc < 0) {
            throw NativeIoException.of(Libc.lastErrno(), "close", path, NativeIoException.NONE, NativeIoException.NONE);
        }
    }

    @Override
    public String toString() {
        return "IoUringFile[" + path + ", " + file + "]";
    }
}
