package io.ringlog.io.uring;

import io.ringlog.io.Errno;
import io.ringlog.io.NativeIoException;
import io.ringlog.io.nativeio.Libc;
import io.ringlog.io.uring.abi.Opcode;
import io.ringlog.io.uring.abi.ProbeLayout;
import io.ringlog.io.uring.abi.RegisterOp;
import io.ringlog.io.uring.abi.Syscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one ring registered with the kernel through io_uring_register(2): the opcode probe, one fixed
 * buffer (IORING_REGISTER_BUFFERS with a single iovec) and a small sparse file table
 * (IORING_REGISTER_FILES with -1 slots, filled by IORING_REGISTER_FILES_UPDATE, 5.5+). None of this is
 * on the write path; scratch structs come from a confined arena per call.
 *
 * <p>Thread-safety: not thread-safe; {@link IoUring} calls it under its own ownership rule.
 */
final class RingRegistry {
    /** Slots in the sparse file table: one per open segment file is plenty for a log. */
    static final int FILE_SLOTS = 64;

    private final int ringFd;
    private final long[] opBits = new long[ProbeLayout.MAX_OPS / Long.SIZE];
    private String probeCause;
    private boolean[] usedSlots;
    private String filesCause;
    private long bufferBase;
    private long bufferEnd;
    private String bufferCause = "no buffer registered";

    RingRegistry(int ringFd) {
        this.ringFd = ringFd;
    }

    /** Raw io_uring_register; returns the result or -errno. */
    private long register(int opcode, long arg, int nrArgs) {
        long r = Libc.syscall(Syscalls.IO_URING_REGISTER, ringFd, opcode, arg, nrArgs, 0, 0);
        return r < 0 ? -Libc.lastErrno() : r;
    }

    /** IORING_REGISTER_PROBE (5.6+): records which opcodes this kernel supports. */
    void probeOps() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment probe = arena.allocate(ProbeLayout.LENGTH, 8); // zeroed, as the kernel requires
            long r = register(RegisterOp.IORING_REGISTER_PROBE, probe.address(), ProbeLayout.MAX_OPS);
            if (r < 0) {
                probeCause = "IORING_REGISTER_PROBE failed: " + Errno.name((int) -r) + " (needs Linux 5.6+)";
                return;
            }
            for (int op = 0; op < ProbeLayout.MAX_OPS; op++) {
                if (ProbeLayout.supports(probe, op)) {
                    opBits[op >>> 6] |= 1L << (op & 63);
                }
            }
        }
    }

    boolean supports(int opcode) {
        return opcode >= 0 && opcode < ProbeLayout.MAX_OPS && (opBits[opcode >>> 6] & (1L << (opcode & 63))) != 0;
    }

    /** Names of the opcodes ringlog uses that the kernel supports, e.g. "WRITE_FIXED". */
    Set<String> supportedOpNames() {
        Set<String> names = new LinkedHashSet<>();
        for (byte op : Opcode.USED) {
            if (supports(op)) {
                names.add(Opcode.name(op));
            }
        }
        return Set.copyOf(names);
    }

    /** Why the probe failed, or null. */
    String probeCause() {
        return probeCause;
    }

    /** Registers an empty table of {@link #FILE_SLOTS} slots; on failure files use plain fds. */
    void registerFileTable() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate((long) FILE_SLOTS * Integer.BYTES, 8);
            for (int i = 0; i < FILE_SLOTS; i++) {
                fds.setAtIndex(ValueLayout.JAVA_INT, i, -1); // -1 = empty slot (sparse table)
            }
            long r = register(RegisterOp.IORING_REGISTER_FILES, fds.address(), FILE_SLOTS);
            if (r < 0) {
                filesCause = "IORING_REGISTER_FILES failed: " + Errno.name((int) -r);
                return;
            }
            usedSlots = new boolean[FILE_SLOTS];
        }
    }

    /** Why there is no file table, or null when there is one. */
    String filesCause() {
        return filesCause;
    }

    /** Puts {@code fd} into a free slot; returns the slot, or -1 when the table is full or missing. */
    int claimSlot(int fd) {
        if (usedSlots == null) {
            return -1;
        }
        for (int slot = 0; slot < usedSlots.length; slot++) {
            if (!usedSlots[slot]) {
                if (updateSlot(slot, fd) < 0) {
                    return -1;
                }
                usedSlots[slot] = true;
                return slot;
            }
        }
        return -1;
    }

    /**
     * Frees {@code slot}. With {@code tellKernel} the slot is emptied now, which drops the ring's file
     * reference; without (a single-issuer ring closed from another thread, where the kernel refuses
     * register calls with EEXIST) the next claim of the slot replaces the file instead.
     */
    void releaseSlot(int slot, boolean tellKernel) {
        if (usedSlots == null || slot < 0 || slot >= usedSlots.length || !usedSlots[slot]) {
            return;
        }
        if (tellKernel) {
            updateSlot(slot, -1);
        }
        usedSlots[slot] = false;
    }

    private long updateSlot(int slot, int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(Integer.BYTES, 8);
            fds.set(ValueLayout.JAVA_INT, 0, fd);
            MemorySegment update = arena.allocate(RegisterOp.FILES_UPDATE_LENGTH, 8);
            update.set(ValueLayout.JAVA_INT, RegisterOp.FILES_UPDATE_OFFSET_OFFSET, slot);
            update.set(ValueLayout.JAVA_LONG, RegisterOp.FILES_UPDATE_FDS_OFFSET, fds.address());
            return register(RegisterOp.IORING_REGISTER_FILES_UPDATE, update.address(), 1);
        }
    }

    /**
     * Registers {@code region} as fixed buffer 0. Pins it and counts it against RLIMIT_MEMLOCK (8 MiB
     * by default here, shared by all rings of the user), so ENOMEM is expected when several processes
     * register at once; the caller then falls back to unregistered WRITE.
     */
    void registerBuffer(MemorySegment region) throws NativeIoException {
        if (bufferEnd != 0) {
            throw new IllegalStateException("a fixed buffer is already registered on this ring");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment iov = arena.allocate(Libc.IOVEC);
            iov.set(ValueLayout.JAVA_LONG, Libc.IOV_BASE_OFFSET, region.address());
            iov.set(ValueLayout.JAVA_LONG, Libc.IOV_LEN_OFFSET, region.byteSize());
            long r = register(RegisterOp.IORING_REGISTER_BUFFERS, iov.address(), 1);
            if (r < 0) {
                bufferCause = "IORING_REGISTER_BUFFERS of " + region.byteSize() + " bytes failed: "
                    + Errno.name((int) -r) + (r == -Errno.ENOMEM ? " (RLIMIT_MEMLOCK, see ulimit -l)" : "");
                throw NativeIoException.of((int) -r, "io_uring_register(IORING_REGISTER_BUFFERS)", null,
                    NativeIoException.NONE, region.byteSize());
            }
        }
        bufferBase = region.address();
        bufferEnd = bufferBase + region.byteSize();
        bufferCause = null;
    }

    /** True when [addr, addr+len) lies inside the registered buffer, so READ_FIXED/WRITE_FIXED apply. */
    boolean isFixedBuffer(long addr, long len) {
        return addr >= bufferBase && addr + len <= bufferEnd;
    }

    boolean hasFixedBuffer() {
        return bufferEnd != 0;
    }

    /** Why there is no fixed buffer, or null when there is one. */
    String bufferCause() {
        return bufferCause;
    }

    /**
     * Drops the file table and the buffer. Ring teardown after close(2) runs in a kernel worker; doing
     * it here returns the pinned pages to RLIMIT_MEMLOCK before close returns, so a ring created right
     * afterwards can register again.
     */
    void unregisterAll() {
        if (usedSlots != null) {
            register(RegisterOp.IORING_UNREGISTER_FILES, 0, 0);
            usedSlots = null;
        }
        if (bufferEnd != 0) {
            register(RegisterOp.IORING_UNREGISTER_BUFFERS, 0, 0);
            bufferBase = 0;
            bufferEnd = 0;
        }
    }
}
