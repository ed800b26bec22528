package io.ringlog.io.uring.abi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Layout of one submission queue entry, {@code struct io_uring_sqe} (64 bytes,
 * {@code include/uapi/linux/io_uring.h}). Only the fields ringlog fills are named; the unions are
 * described by the member ringlog uses.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |  opcode (u8)  |  flags (u8)   |          ioprio (u16)         |  0
 *  +---------------+---------------+-------------------------------+
 *  |                           fd (s32)                            |  4
 *  +---------------------------------------------------------------+
 *  |                   off (u64): file offset                      |  8
 *  +---------------------------------------------------------------+
 *  |                   addr (u64): buffer address                  | 16
 *  +---------------------------------------------------------------+
 *  |                           len (u32)                           | 24
 *  +---------------------------------------------------------------+
 *  |        rw_flags (RWF_*) / fsync_flags (IORING_FSYNC_*)        | 28
 *  +---------------------------------------------------------------+
 *  |                       user_data (u64)                         | 32
 *  +-------------------------------+-------------------------------+
 *  |        buf_index (u16)        |       personality (u16)       | 40
 *  +-------------------------------+-------------------------------+
 *  |              splice_fd_in / file_index (s32)                  | 44
 *  +---------------------------------------------------------------+
 *  |                 addr3 (u64), __pad2[1] (u64)                  | 48..63
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Thread-safety: constants and stateless helpers; the entry itself belongs to whoever owns the ring.
 */
public final class SubmissionEntry {
    /** sizeof(struct io_uring_sqe) without IORING_SETUP_SQE128. */
    public static final int LENGTH = 64;

    public static final int OPCODE_OFFSET = 0;
    public static final int FLAGS_OFFSET = 1;
    public static final int IOPRIO_OFFSET = 2;
    public static final int FD_OFFSET = 4;
    public static final int OFF_OFFSET = 8;
    public static final int ADDR_OFFSET = 16;
    public static final int LEN_OFFSET = 24;
    /** Union of rw_flags, fsync_flags and the other per-opcode flag words. */
    public static final int OP_FLAGS_OFFSET = 28;
    public static final int USER_DATA_OFFSET = 32;
    public static final int BUF_INDEX_OFFSET = 40;
    public static final int PERSONALITY_OFFSET = 42;
    public static final int FILE_INDEX_OFFSET = 44;
    public static final int ADDR3_OFFSET = 48;

    private SubmissionEntry() {
    }

    /** Zeroes the 64-byte entry at {@code base} with eight long stores (no slice is allocated). */
    public static void clear(MemorySegment sqes, long base) {
        for (int i = 0; i < LENGTH; i += Long.BYTES) {
            sqes.set(ValueLayout.JAVA_LONG, base + i, 0L);
        }
    }

    /**
     * Fills the fields every ringlog operation uses; the caller cleared the entry first and sets
     * op flags and buf_index afterwards when needed.
     */
    public static void prepare(MemorySegment sqes, long base, byte opcode, byte sqeFlags, int fd) {
        sqes.set(ValueLayout.JAVA_BYTE, base + OPCODE_OFFSET, opcode);
        sqes.set(ValueLayout.JAVA_BYTE, base + FLAGS_OFFSET, sqeFlags);
        sqes.set(ValueLayout.JAVA_INT, base + FD_OFFSET, fd);
    }

    /** Sets the buffer address, byte length and file offset of a read or write. */
    public static void range(MemorySegment sqes, long base, long addr, int len, long fileOffset) {
        sqes.set(ValueLayout.JAVA_LONG, base + ADDR_OFFSET, addr);
        sqes.set(ValueLayout.JAVA_INT, base + LEN_OFFSET, len);
        sqes.set(ValueLayout.JAVA_LONG, base + OFF_OFFSET, fileOffset);
    }

    /** Sets the per-opcode flag word (rw_flags or fsync_flags). */
    public static void opFlags(MemorySegment sqes, long base, int flags) {
        sqes.set(ValueLayout.JAVA_INT, base + OP_FLAGS_OFFSET, flags);
    }

    /** Sets the index of the registered buffer for READ_FIXED/WRITE_FIXED. */
    public static void bufIndex(MemorySegment sqes, long base, short index) {
        sqes.set(ValueLayout.JAVA_SHORT, base + BUF_INDEX_OFFSET, index);
    }

    /** Sets the value the kernel copies into the completion's user_data. */
    public static void userData(MemorySegment sqes, long base, long value) {
        sqes.set(ValueLayout.JAVA_LONG, base + USER_DATA_OFFSET, value);
    }
}
