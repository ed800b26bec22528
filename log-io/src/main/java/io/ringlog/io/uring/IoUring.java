package io.ringlog.io.uring;

import io.ringlog.io.Alignment;
import io.ringlog.io.Errno;
import io.ringlog.io.NativeIoException;
import io.ringlog.io.OpenResources;
import io.ringlog.io.nativeio.Libc;
import io.ringlog.io.nativeio.LinuxFlags;
import io.ringlog.io.uring.abi.CompletionEntry;
import io.ringlog.io.uring.abi.EnterFlags;
import io.ringlog.io.uring.abi.Opcode;
import io.ringlog.io.uring.abi.SetupFlags;
import io.ringlog.io.uring.abi.SqeFlags;
import io.ringlog.io.uring.abi.SubmissionEntry;
import io.ringlog.io.uring.abi.Syscalls;

import java.lang.foreign.MemorySegment;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One io_uring instance used at queue depth 1: every operation fills one SQE, then the calling thread
 * submits it and waits for its completion in the same {@code io_uring_enter(to_submit, 1, GETEVENTS)}
 * call. There is no completion thread: with DEFER_TASKRUN the kernel runs the completion work inside
 * that call, on the caller's CPU. Nothing is allocated per operation.
 *
 * <p>Created {@linkplain #create(int, boolean) single-issuer}, the ring belongs to the creating thread
 * (SINGLE_ISSUER|DEFER_TASKRUN when the kernel accepts them, 6.1+) and any other thread gets an
 * {@link IllegalStateException} naming both threads before the kernel is entered. Otherwise the ring
 * serializes callers with a lock, one operation in flight at a time.
 *
 * <p>Thread-safety: single-issuer rings are confined to their creating thread; shared rings are safe
 * from any thread. {@link #close()} is idempotent; on a single-issuer ring it must not race the owner's
 * I/O (a racing access then fails with IllegalStateException, never touches unmapped memory).
 */
public final class IoUring implements AutoCloseable {
    /** Largest chunk per SQE: len is a u32; 1 GiB keeps it positive and 4096-aligned. */
    private static final long MAX_CHUNK = 1L << 30;
    /**
     * EAGAIN/EBUSY from io_uring_enter mean "no request memory now" or "CQ overflowed"; at QD1 they
     * are transient. 10,000 yields is seconds of retry on a loaded 2-core box before giving up.
     */
    private static final int MAX_BUSY_RETRIES = 10_000;

    private final int ringFd;
    private final int entries;
    private final RingMemory memory;
    private final MemorySegment sqes;
    private final MemorySegment cqRing;
    private final int setupFlags;
    private final int features;
    private final Thread owner;
    private final ReentrantLock lock;
    private final RingRegistry registry;
    private int sqTail;
    private int cqHead;
    private long userData;
    private volatile boolean closed;

    private IoUring(RingSetup.Created created, Thread owner) {
        this.ringFd = created.ringFd();
        this.memory = created.memory();
        this.entries = memory.sqEntries;
        this.sqes = memory.sqes;
        this.cqRing = memory.cqRing;
        this.setupFlags = created.flags();
        this.features = created.features();
        this.owner = owner;
        this.lock = owner == null ? new ReentrantLock() : null;
        this.registry = new RingRegistry(ringFd);
        this.sqTail = memory.sqHeadAcquire();
        this.cqHead = memory.cqTailAcquire();
        OpenResources.opened(OpenResources.Kind.RING);
    }

    /**
     * Sets up a ring of {@code entries} (power of two) SQEs, probes its opcodes and registers an empty
     * file table.
     *
     * @param singleIssuer confine the ring to the calling thread and try SINGLE_ISSUER|DEFER_TASKRUN;
     *                     on a virtual thread only the Java-side confinement applies, because the
     *                     kernel task under a virtual thread changes when it is remounted
     * @throws NativeIoException when io_uring_setup or mmap fails (ENOSYS, EPERM, ENOMEM...)
     */
    public static IoUring create(int entries, boolean singleIssuer) throws NativeIoException {
        if (entries < 1 || entries > 4096 || Integer.bitCount(entries) != 1) {
            throw new IllegalArgumentException("ring entries must be a power of two in [1, 4096], got " + entries);
        }
        Thread current = Thread.currentThread();
        boolean kernelSingleIssuer = singleIssuer && !current.isVirtual();
        IoUring ring = new IoUring(RingSetup.create(entries, kernelSingleIssuer), singleIssuer ? current : null);
        try {
            ring.registry.probeOps();
            ring.registry.registerFileTable();
        } catch (RuntimeException | Error e) {
            ring.close();
            throw e;
        }
        return ring;
    }

    /** The IORING_SETUP_* flags the kernel accepted. */
    public int setupFlags() {
        return setupFlags;
    }

    /** The accepted setup flags by name, e.g. {@code "SINGLE_ISSUER|DEFER_TASKRUN"}; "" when none. */
    public String setupFlagNames() {
        return SetupFlags.names(setupFlags);
    }

    /** The IORING_FEAT_* bits the kernel reported. */
    public int features() {
        return features;
    }

    /** SQ size the kernel granted. */
    public int entries() {
        return entries;
    }

    /** True when the ring is confined to its creating thread. */
    public boolean isSingleIssuer() {
        return owner != null;
    }

    /** True when the kernel supports {@code opcode} (see {@link Opcode}); false when the probe failed. */
    public boolean supports(byte opcode) {
        return registry.supports(opcode);
    }

    /** Names of the opcodes ringlog uses that this kernel supports. */
    public Set<String> supportedOps() {
        return registry.supportedOpNames();
    }

    /** Why the opcode probe failed, or null. */
    public String probeFailure() {
        return registry.probeCause();
    }

    /** True when a fixed buffer is registered (WRITE_FIXED/READ_FIXED for addresses inside it). */
    public boolean hasFixedBuffer() {
        return registry.hasFixedBuffer();
    }

    /** Why there is no fixed buffer, or null when there is one. */
    public String fixedBufferFailure() {
        return registry.bufferCause();
    }

    /** Why there is no registered file table, or null when there is one. */
    public String fixedFilesFailure() {
        return registry.filesCause();
    }

    /**
     * Registers {@code region} as the ring's one fixed buffer: I/O on addresses inside it then uses
     * READ_FIXED/WRITE_FIXED, which skip pinning the pages per call (about 10% less CPU per write).
     *
     * @throws NativeIoException e.g. ENOMEM when RLIMIT_MEMLOCK is exhausted; the ring stays usable
     */
    public void registerBuffer(MemorySegment region) throws NativeIoException {
        Alignment.check(region, 0, "io_uring register buffer");
        acquire();
        try {
            registry.registerBuffer(region);
        } finally {
            release();
        }
    }

    /**
     * Puts {@code fd} in the registered file table. Falls back to the plain fd (never fails) when the
     * table is full or missing, or when a single-issuer ring is called from a thread other than its
     * owner (the kernel refuses register calls from other tasks with EEXIST).
     */
    public RingFd registerFile(int fd, String path) {
        if (owner != null && Thread.currentThread() != owner) {
            return plainFile(fd, path);
        }
        acquire();
        try {
            return new RingFd(this, fd, registry.claimSlot(fd), path);
        } finally {
            release();
        }
    }

    /** A handle that addresses {@code fd} directly, without the file table. */
    public RingFd plainFile(int fd, String path) {
        return new RingFd(this, fd, -1, path);
    }

    /** Empties {@code file}'s slot (call before closing its fd); no-op for plain fds or a closed ring. */
    public void unregisterFile(RingFd file) {
        checkOwnRing(file);
        if (!file.isFixed()) {
            return;
        }
        boolean tellKernel = owner == null || Thread.currentThread() == owner;
        if (lock != null) {
            lock.lock();
        }
        try {
            if (!closed) {
                registry.releaseSlot(file.fixedIndex(), tellKernel);
            }
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    /** Submits an IORING_OP_NOP and reaps its completion: the bare cost of one ring round trip. */
    public void nop() throws NativeIoException {
        acquire();
        try {
            long base = claimEntry();
            SubmissionEntry.prepare(sqes, base, Opcode.NOP, (byte) 0, -1);
            int res = submitAndWait(base, Opcode.NOP);
            if (res < 0) {
                throw NativeIoException.of(-res, Opcode.callName(Opcode.NOP), null, NativeIoException.NONE,
                    NativeIoException.NONE);
            }
        } finally {
            release();
        }
    }

    /**
     * Writes all of {@code src} at {@code offset} with RWF_DSYNC: returns once the data and the metadata
     * needed to read it are durable. WRITE_FIXED when {@code src} lies in the registered buffer.
     */
    public void writeDurable(RingFd file, MemorySegment src, long offset) throws NativeIoException {
        writeAll(file, src, offset, LinuxFlags.RWF_DSYNC);
    }

    /** Writes all of {@code src} at {@code offset} without waiting for durability. */
    public void write(RingFd file, MemorySegment src, long offset) throws NativeIoException {
        writeAll(file, src, offset, 0);
    }

    private void writeAll(RingFd file, MemorySegment src, long offset, int rwFlags) throws NativeIoException {
        Alignment.check(src, offset, "io_uring write");
        checkOwnRing(file);
        acquire();
        try {
            checkAlive(src);
            long addr = src.address();
            long remaining = src.byteSize();
            long pos = offset;
            byte op = registry.isFixedBuffer(addr, remaining) ? Opcode.WRITE_FIXED : Opcode.WRITE;
            while (remaining > 0) {
                int len = (int) Math.min(remaining, MAX_CHUNK);
                int res = submitRw(op, file, addr, len, pos, rwFlags);
                if (res <= 0) {
                    // res 0 would loop forever: report it as EIO (the kernel wrote nothing, said nothing).
                    throw NativeIoException.of(res == 0 ? Errno.EIO : -res, Opcode.callName(op), file.path(), pos, len);
                }
                // Short write (rare with O_DIRECT: a signal or a device limit): resubmit the rest.
                addr += res;
                pos += res;
                remaining -= res;
            }
        } finally {
            release();
        }
    }

    /**
     * Reads into {@code dst} from {@code offset}; returns the bytes read, fewer than {@code dst.byteSize()}
     * only at end of file. READ_FIXED when {@code dst} lies in the registered buffer.
     */
    public int read(RingFd file, MemorySegment dst, long offset) throws NativeIoException {
        Alignment.check(dst, offset, "io_uring read");
        if (dst.byteSize() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("read buffer of " + dst.byteSize() + " bytes exceeds the int result");
        }
        checkOwnRing(file);
        acquire();
        try {
            checkAlive(dst);
            long addr = dst.address();
            long remaining = dst.byteSize();
            long total = 0;
            byte op = registry.isFixedBuffer(addr, remaining) ? Opcode.READ_FIXED : Opcode.READ;
            while (remaining > 0) {
                int len = (int) Math.min(remaining, MAX_CHUNK);
                int res = submitRw(op, file, addr, len, offset + total, 0);
                if (res < 0) {
                    throw NativeIoException.of(-res, Opcode.callName(op), file.path(), offset + total, len);
                }
                total += res;
                addr += res;
                remaining -= res;
                // 0 is end of file; an unaligned count is the tail of the file, and O_DIRECT could not
                // continue from an unaligned offset anyway.
                if (res == 0 || !Alignment.isAligned(res)) {
                    break;
                }
            }
            return (int) total;
        } finally {
            release();
        }
    }

    /** IORING_OP_FSYNC with IORING_FSYNC_DATASYNC: fdatasync of {@code file}. */
    public void fdatasync(RingFd file) throws NativeIoException {
        checkOwnRing(file);
        acquire();
        try {
            long base = claimEntry();
            SubmissionEntry.prepare(sqes, base, Opcode.FSYNC, file.sqeFlags(), file.sqeFd());
            SubmissionEntry.opFlags(sqes, base, SqeFlags.IORING_FSYNC_DATASYNC);
            int res = submitAndWait(base, Opcode.FSYNC);
            if (res < 0) {
                throw NativeIoException.of(-res, Opcode.callName(Opcode.FSYNC), file.path(), NativeIoException.NONE,
                    NativeIoException.NONE);
            }
        } finally {
            release();
        }
    }

    private int submitRw(byte op, RingFd file, long addr, int len, long pos, int rwFlags) throws NativeIoException {
        long base = claimEntry();
        SubmissionEntry.prepare(sqes, base, op, file.sqeFlags(), file.sqeFd());
        SubmissionEntry.range(sqes, base, addr, len, pos);
        SubmissionEntry.opFlags(sqes, base, rwFlags);
        // buf_index stays 0 (cleared): the ring registers exactly one fixed buffer.
        return submitAndWait(base, op);
    }

    /** Clears the SQE the next tail names and returns its byte offset in the SQE array. */
    private long claimEntry() {
        long base = (long) (sqTail & memory.sqMask) * SubmissionEntry.LENGTH;
        SubmissionEntry.clear(sqes, base);
        return base;
    }

    /**
     * Publishes the SQE at {@code base}, then enters the kernel until its CQE arrives; returns cqe.res.
     * Completions with another user_data belong to operations abandoned after an error and are dropped.
     */
    private int submitAndWait(long base, byte op) throws NativeIoException {
        long expected = ++userData;
        SubmissionEntry.userData(sqes, base, expected);
        sqTail++;
        memory.sqTailRelease(sqTail); // release: pairs with the kernel's acquire of sq.tail (see RingMemory)
        int busy = 0;
        while (true) {
            int tail = memory.cqTailAcquire(); // acquire: pairs with the kernel's release of cq.tail
            while (cqHead != tail) {
                long cqe = memory.cqesOffset + (long) (cqHead & memory.cqMask) * CompletionEntry.LENGTH;
                long got = CompletionEntry.userData(cqRing, cqe);
                int res = CompletionEntry.res(cqRing, cqe);
                cqHead++;
                memory.cqHeadRelease(cqHead); // release: our CQE loads happen before the kernel reuses the slot
                if (got == expected) {
                    return res;
                }
            }
            int toSubmit = sqTail - memory.sqHeadAcquire();
            long r = Libc.syscall(Syscalls.IO_URING_ENTER, ringFd, toSubmit, 1, EnterFlags.IORING_ENTER_GETEVENTS, 0, 0);
            if (r < 0) {
                busy = onEnterError(Libc.lastErrno(), busy, op);
            }
        }
    }

    /** Decides whether a failed io_uring_enter is retried; returns the updated busy count or throws. */
    private int onEnterError(int errno, int busy, byte op) throws NativeIoException {
        if (errno == Errno.EINTR) {
            return busy; // a signal interrupted the wait; the SQE is submitted or still queued: enter again
        }
        if ((errno == Errno.EAGAIN || errno == Errno.EBUSY) && busy < MAX_BUSY_RETRIES) {
            Thread.yield();
            return busy + 1;
        }
        abandonUnsubmitted();
        if (errno == Errno.EEXIST) {
            throw new IllegalStateException("io_uring_enter refused with EEXIST: ring fd " + ringFd
                + " is single-issuer and the kernel task of thread '" + Thread.currentThread().getName()
                + "' is not its submitter (a virtual thread remounted on another carrier?)");
        }
        throw NativeIoException.of(errno, "io_uring_enter(" + Opcode.name(op) + ")", null, NativeIoException.NONE,
            NativeIoException.NONE);
    }

    /**
     * Withdraws SQEs the kernel has not consumed so that a later enter cannot run them against a buffer
     * the caller may have freed. Safe because only this thread (or the lock holder) enters the ring.
     */
    private void abandonUnsubmitted() {
        int head = memory.sqHeadAcquire();
        if (sqTail != head) {
            sqTail = head;
            memory.sqTailRelease(sqTail); // release: pairs with the kernel's acquire of sq.tail
        }
    }

    private void acquire() {
        if (owner != null) {
            if (Thread.currentThread() != owner) {
                throw wrongThread();
            }
        } else {
            lock.lock();
        }
        if (closed) {
            release();
            throw new IllegalStateException("io_uring ring fd " + ringFd + " is closed");
        }
    }

    private void release() {
        if (lock != null) {
            lock.unlock();
        }
    }

    private IllegalStateException wrongThread() {
        Thread t = Thread.currentThread();
        return new IllegalStateException("io_uring ring fd " + ringFd + " (" + describeFlags()
            + ") is single-issuer and belongs to thread '" + owner.getName() + "' (id " + owner.threadId()
            + "); it cannot be used from thread '" + t.getName() + "' (id " + t.threadId()
            + "). Use one ring per thread, or create it with singleIssuer=false.");
    }

    private String describeFlags() {
        return setupFlags == 0 ? "no setup flags" : setupFlagNames();
    }

    private void checkOwnRing(RingFd file) {
        if (file.ring() != this) {
            throw new IllegalArgumentException(file + " belongs to another io_uring ring");
        }
    }

    private static void checkAlive(MemorySegment segment) {
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException("buffer's arena is already closed: the kernel would use freed memory");
        }
    }

    /**
     * Unregisters the file table and buffer, unmaps the rings and closes the ring fd. Safe to call more
     * than once; later operations throw IllegalStateException.
     */
    @Override
    public void close() {
        if (lock != null) {
            lock.lock();
        }
        try {
            closeOnce();
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    private synchronized void closeOnce() {
        if (closed) {
            return;
        }
        closed = true;
        boolean kernelConfined = (setupFlags & SetupFlags.IORING_SETUP_SINGLE_ISSUER) != 0;
        if (!kernelConfined || Thread.currentThread() == owner) {
            registry.unregisterAll(); // elsewhere the kernel answers EEXIST; close(2) releases them anyway
        }
        try {
            memory.unmap();
        } finally {
            Libc.close(ringFd);
            OpenResources.closed(OpenResources.Kind.RING);
        }
    }

    @Override
    public String toString() {
        return "IoUring[fd=" + ringFd + ", entries=" + entries + ", flags=" + describeFlags()
            + (owner != null ? ", owner=" + owner.getName() : "") + (closed ? ", closed" : "") + "]";
    }
}
