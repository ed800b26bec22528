package io.ringlog.io.uring.abi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Layout of {@code struct io_uring_params} (120 bytes), passed to io_uring_setup(2) and filled in by the
 * kernel with the ring sizes and the offsets of every ring field inside the mmap'ed regions
 * ({@code include/uapi/linux/io_uring.h}).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                      sq_entries (u32)                   0     |
 *  |                      cq_entries (u32)                   4     |
 *  |                      flags (u32, IORING_SETUP_*)        8     |
 *  |                      sq_thread_cpu (u32)               12     |
 *  |                      sq_thread_idle (u32)              16     |
 *  |                      features (u32, IORING_FEAT_*)     20     |
 *  |                      wq_fd (u32)                       24     |
 *  |                      resv[3] (u32)                  28..39    |
 *  |        struct io_sqring_offsets sq_off (40 bytes)     40..79    |
 *  |        struct io_cqring_offsets cq_off (40 bytes)     80..119   |
 *  +---------------------------------------------------------------+
 *
 *  io_sqring_offsets: head 0, tail 4, ring_mask 8, ring_entries 12, flags 16, dropped 20,
 *                     array 24, resv1 28, user_addr (u64) 32
 *  io_cqring_offsets: head 0, tail 4, ring_mask 8, ring_entries 12, overflow 16, cqes 20,
 *                     flags 24, resv1 28, user_addr (u64) 32
 * </pre>
 *
 * <p>Thread-safety: constants and stateless helpers, safe from any thread.
 */
public final class IoUringParams {
    /** sizeof(struct io_uring_params). */
    public static final int LENGTH = 120;

    public static final int SQ_ENTRIES_OFFSET = 0;
    public static final int CQ_ENTRIES_OFFSET = 4;
    public static final int FLAGS_OFFSET = 8;
    public static final int SQ_THREAD_CPU_OFFSET = 12;
    public static final int SQ_THREAD_IDLE_OFFSET = 16;
    public static final int FEATURES_OFFSET = 20;
    public static final int WQ_FD_OFFSET = 24;
    /** Start of {@code struct io_sqring_offsets sq_off}. */
    public static final int SQ_OFF_OFFSET = 40;
    /** Start of {@code struct io_cqring_offsets cq_off}. */
    public static final int CQ_OFF_OFFSET = 80;

    // struct io_sqring_offsets, relative to SQ_OFF_OFFSET
    public static final int SQ_OFF_HEAD = 0;
    public static final int SQ_OFF_TAIL = 4;
    public static final int SQ_OFF_RING_MASK = 8;
    public static final int SQ_OFF_RING_ENTRIES = 12;
    public static final int SQ_OFF_FLAGS = 16;
    public static final int SQ_OFF_DROPPED = 20;
    public static final int SQ_OFF_ARRAY = 24;

    // struct io_cqring_offsets, relative to CQ_OFF_OFFSET
    public static final int CQ_OFF_HEAD = 0;
    public static final int CQ_OFF_TAIL = 4;
    public static final int CQ_OFF_RING_MASK = 8;
    public static final int CQ_OFF_RING_ENTRIES = 12;
    public static final int CQ_OFF_OVERFLOW = 16;
    public static final int CQ_OFF_CQES = 20;
    public static final int CQ_OFF_FLAGS = 24;

    /** mmap(2) offset selecting the SQ ring (and, with IORING_FEAT_SINGLE_MMAP, the CQ ring too). */
    public static final long IORING_OFF_SQ_RING = 0L;
    /** mmap(2) offset selecting the CQ ring. */
    public static final long IORING_OFF_CQ_RING = 0x8000000L;
    /** mmap(2) offset selecting the SQE array. */
    public static final long IORING_OFF_SQES = 0x10000000L;

    private IoUringParams() {
    }

    /** Reads a u32 field at {@code offset} of a params struct (kernel values fit in an int). */
    public static int u32(MemorySegment params, int offset) {
        return params.get(ValueLayout.JAVA_INT, offset);
    }

    /** A field of {@code sq_off}, e.g. {@code sqOff(p, SQ_OFF_TAIL)}. */
    public static int sqOff(MemorySegment params, int field) {
        return params.get(ValueLayout.JAVA_INT, SQ_OFF_OFFSET + field);
    }

    /** A field of {@code cq_off}, e.g. {@code cqOff(p, CQ_OFF_CQES)}. */
    public static int cqOff(MemorySegment params, int field) {
        return params.get(ValueLayout.JAVA_INT, CQ_OFF_OFFSET + field);
    }
}
