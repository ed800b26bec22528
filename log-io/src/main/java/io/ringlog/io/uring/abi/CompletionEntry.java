package io.ringlog.io.uring.abi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Layout of one completion queue entry, {@code struct io_uring_cqe} (16 bytes without
 * IORING_SETUP_CQE32, {@code include/uapi/linux/io_uring.h}).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |            user_data (u64): copied from the SQE               |  0
 *  +---------------------------------------------------------------+
 *  |   res (s32): bytes transferred, or -errno on failure          |  8
 *  +---------------------------------------------------------------+
 *  |                 flags (u32, IORING_CQE_F_*)                   | 12
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Thread-safety: constants and stateless helpers, safe from any thread.
 */
public final class CompletionEntry {
    /** sizeof(struct io_uring_cqe). */
    public static final int LENGTH = 16;

    public static final int USER_DATA_OFFSET = 0;
    public static final int RES_OFFSET = 8;
    public static final int FLAGS_OFFSET = 12;

    private CompletionEntry() {
    }

    /** user_data of the entry at {@code base}. */
    public static long userData(MemorySegment cqes, long base) {
        return cqes.get(ValueLayout.JAVA_LONG, base + USER_DATA_OFFSET);
    }

    /** res of the entry at {@code base}: a byte count, or a negative errno. */
    public static int res(MemorySegment cqes, long base) {
        return cqes.get(ValueLayout.JAVA_INT, base + RES_OFFSET);
    }
}
