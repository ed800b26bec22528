package io.ringlog.reliability;

import io.ringlog.io.DurableFile;
import io.ringlog.io.NativeIoException;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fails the log's backend operations with a chosen errno, as the kernel would report it (ENOSPC for a
 * full disk, EIO for a device error, EROFS after the file system was remounted read-only). Set an errno
 * to start failing, {@link #heal()} to stop; the failing operation never reaches the file.
 *
 * <p>Thread-safety: thread-safe (volatile settings, atomic counters).
 */
final class FaultInjector implements InterceptingBackend.Interceptor {
    private volatile int writeErrno;
    private volatile int flushErrno;
    private volatile int openErrno;
    private volatile int syncErrno;
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();

    /** Every later write (plain or durable) fails with {@code errno}. */
    FaultInjector failWrites(int errno) {
        writeErrno = errno;
        return this;
    }

    /** Every later flush fails with {@code errno}. */
    FaultInjector failFlushes(int errno) {
        flushErrno = errno;
        return this;
    }

    /**
     * Every later durable write reaches the file but its durability step fails with {@code errno} (the
     * fsync-after-write error of the "fsyncgate" case: the bytes may or may not survive).
     */
    FaultInjector failSyncOfDurableWrites(int errno) {
        syncErrno = errno;
        return this;
    }

    /** Every later open of a segment file for writing fails with {@code errno}. */
    FaultInjector failOpens(int errno) {
        openErrno = errno;
        return this;
    }

    /** Stops injecting (space freed, device back). */
    void heal() {
        writeErrno = 0;
        flushErrno = 0;
        openErrno = 0;
        syncErrno = 0;
    }

    /** Operations failed so far. */
    int injected() {
        return injected.get();
    }

    /** Writes that reached the file so far. */
    int writes() {
        return writes.get();
    }

    @Override
    public void opened(DurableFile file) throws IOException {
        maybeFail(openErrno, "open(injected)", file, NativeIoException.NONE, NativeIoException.NONE);
    }

    @Override
    public void beforeWrite(DurableFile file, MemorySegment src, long offset, boolean durable) throws IOException {
        maybeFail(writeErrno, durable ? "pwritev2 RWF_DSYNC(injected)" : "pwrite(injected)", file, offset, src.byteSize());
    }

    @Override
    public void afterWrite(DurableFile file, MemorySegment src, long offset, boolean durable) throws IOException {
        writes.incrementAndGet();
        if (durable) {
            maybeFail(syncErrno, "fdatasync after write(injected)", file, offset, src.byteSize());
        }
    }

    @Override
    public void beforeFlush(DurableFile file) throws IOException {
        maybeFail(flushErrno, "fdatasync(injected)", file, NativeIoException.NONE, NativeIoException.NONE);
    }

    private void maybeFail(int errno, String call, DurableFile file, long offset, long length) throws NativeIoException {
        if (errno != 0) {
            injected.incrementAndGet();
            throw NativeIoException.of(errno, call, file.path(), offset, length);
        }
    }
}
