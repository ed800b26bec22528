package io.ringlog.io.uring;

import io.ringlog.io.NativeIoException;
import io.ringlog.io.nativeio.Libc;
import io.ringlog.io.nativeio.LinuxFlags;
import io.ringlog.io.uring.abi.CompletionEntry;
import io.ringlog.io.uring.abi.IoUringParams;
import io.ringlog.io.uring.abi.SetupFlags;
import io.ringlog.io.uring.abi.SubmissionEntry;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * The three memory regions a ring shares with the kernel: the SQ ring (head, tail, mask, index array),
 * the CQ ring (head, tail, mask, CQEs; the same mapping as the SQ ring when the kernel reports
 * IORING_FEAT_SINGLE_MMAP, 5.4+) and the SQE array. The mappings are attached to a shared
 * {@link Arena} whose close munmaps them: an access after close then throws IllegalStateException
 * instead of touching unmapped memory, even when a misbehaving caller races close from another thread.
 *
 * <p>Thread-safety: the accessors are safe from any thread (they are single memory operations with the
 * documented ordering); the ring protocol itself needs one submitter at a time, which {@link IoUring}
 * enforces. {@link #unmap()} is called once by the ring.
 */
final class RingMemory {
    /** Coordinates (MemorySegment, long offset); acquire/release give the ordering the kernel expects. */
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final Arena arena = Arena.ofShared();
    final MemorySegment sqRing;
    final MemorySegment cqRing;
    final MemorySegment sqes;
    final int sqEntries;
    final int sqMask;
    final int cqEntries;
    final int cqMask;
    private final long sqHead;
    private final long sqTail;
    private final long cqHead;
    private final long cqTail;
    /** Offset of cqes[0] in {@link #cqRing}. */
    final long cqesOffset;

    private RingMemory(int ringFd, MemorySegment p) throws NativeIoException {
        sqEntries = IoUringParams.u32(p, IoUringParams.SQ_ENTRIES_OFFSET);
        cqEntries = IoUringParams.u32(p, IoUringParams.CQ_ENTRIES_OFFSET);
        long sqSize = IoUringParams.sqOff(p, IoUringParams.SQ_OFF_ARRAY) + (long) sqEntries * Integer.BYTES;
        long cqSize = IoUringParams.cqOff(p, IoUringParams.CQ_OFF_CQES) + (long) cqEntries * CompletionEntry.LENGTH;
        boolean single = (IoUringParams.u32(p, IoUringParams.FEATURES_OFFSET) & SetupFlags.IORING_FEAT_SINGLE_MMAP) != 0;
        try {
            if (single) {
                sqRing = map(ringFd, Math.max(sqSize, cqSize), IoUringParams.IORING_OFF_SQ_RING, "io_uring SQ+CQ ring");
                cqRing = sqRing;
            } else {
                sqRing = map(ringFd, sqSize, IoUringParams.IORING_OFF_SQ_RING, "io_uring SQ ring");
                cqRing = map(ringFd, cqSize, IoUringParams.IORING_OFF_CQ_RING, "io_uring CQ ring");
            }
            sqes = map(ringFd, (long) sqEntries * SubmissionEntry.LENGTH, IoUringParams.IORING_OFF_SQES,
                "io_uring SQE array");
        } catch (NativeIoException | RuntimeException e) {
            arena.close(); // munmaps whatever was mapped so far
            throw e;
        }
        sqMask = sqRing.get(ValueLayout.JAVA_INT, IoUringParams.sqOff(p, IoUringParams.SQ_OFF_RING_MASK));
        cqMask = cqRing.get(ValueLayout.JAVA_INT, IoUringParams.cqOff(p, IoUringParams.CQ_OFF_RING_MASK));
        sqHead = IoUringParams.sqOff(p, IoUringParams.SQ_OFF_HEAD);
        sqTail = IoUringParams.sqOff(p, IoUringParams.SQ_OFF_TAIL);
        cqHead = IoUringParams.cqOff(p, IoUringParams.CQ_OFF_HEAD);
        cqTail = IoUringParams.cqOff(p, IoUringParams.CQ_OFF_TAIL);
        cqesOffset = IoUringParams.cqOff(p, IoUringParams.CQ_OFF_CQES);
        // The SQ index array maps ring slot i to SQE i. Filled once: slot (tail & mask) then always
        // names SQE (tail & mask), so submitting never touches the array again.
        long array = IoUringParams.sqOff(p, IoUringParams.SQ_OFF_ARRAY);
        for (int i = 0; i < sqEntries; i++) {
            sqRing.set(ValueLayout.JAVA_INT, array + (long) i * Integer.BYTES, i);
        }
    }

    /** Maps the rings of {@code ringFd} described by the params the kernel filled in. */
    static RingMemory map(int ringFd, MemorySegment params) throws NativeIoException {
        return new RingMemory(ringFd, params);
    }

    // reinterpret is restricted: the size is the one the kernel reported for this mapping.
    @SuppressWarnings("restricted")
    private MemorySegment map(int ringFd, long size, long offset, String what) throws NativeIoException {
        MemorySegment raw = Libc.mmap(size, LinuxFlags.PROT_READ | LinuxFlags.PROT_WRITE,
            LinuxFlags.MAP_SHARED | LinuxFlags.MAP_POPULATE, ringFd, offset, what);
        return raw.reinterpret(size, arena, s -> Libc.munmap(s, size));
    }

    /**
     * The kernel's SQ head. Acquire pairs with the kernel's smp_store_release of sq.head after it has
     * consumed entries (io_commit_sqring): entries before the head may then be reused.
     */
    int sqHeadAcquire() {
        return (int) INT.getAcquire(sqRing, sqHead);
    }

    /**
     * Publishes new SQEs. Release pairs with the kernel's smp_load_acquire of sq.tail
     * (io_sqring_entries): the SQE fields written before this store are visible to the kernel.
     */
    void sqTailRelease(int tail) {
        INT.setRelease(sqRing, sqTail, tail);
    }

    /**
     * The kernel's CQ tail. Acquire pairs with the kernel's smp_store_release of cq.tail
     * (io_commit_cqring), which it does after writing the CQEs: those CQEs are visible after this load.
     */
    int cqTailAcquire() {
        return (int) INT.getAcquire(cqRing, cqTail);
    }

    /**
     * Frees consumed CQEs. Release orders our loads of the CQE fields before the store, pairing with
     * the kernel's acquire read of cq.head before it overwrites a slot (io_get_cqe).
     */
    void cqHeadRelease(int head) {
        INT.setRelease(cqRing, cqHead, head);
    }

    /** Unmaps every region; later accesses throw IllegalStateException. */
    void unmap() {
        arena.close();
    }
}
