package io.ringlog.io.uring.abi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Layout of {@code struct io_uring_probe} (16-byte header followed by {@code ops_len} 8-byte
 * {@code struct io_uring_probe_op}), filled by IORING_REGISTER_PROBE
 * ({@code include/uapi/linux/io_uring.h}).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  | last_op (u8)  | ops_len (u8)  |          resv (u16)           |  0
 *  +---------------+---------------+-------------------------------+
 *  |                        resv2[3] (u32)                         |  4..15
 *  +===============+===============+===============================+
 *  |   op (u8)     |  resv (u8)    |  flags (u16, IO_URING_OP_*)   |  16 + 8*i
 *  +---------------+---------------+-------------------------------+
 *  |                         resv2 (u32)                           |  20 + 8*i
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Thread-safety: constants and stateless helpers, safe from any thread.
 */
public final class ProbeLayout {
    /** Size of the header before the ops array. */
    public static final int HEADER_LENGTH = 16;
    /** sizeof(struct io_uring_probe_op). */
    public static final int OP_LENGTH = 8;
    public static final int LAST_OP_OFFSET = 0;
    public static final int OPS_LEN_OFFSET = 1;
    /** Offset of {@code flags} inside one probe op. */
    public static final int OP_FLAGS_OFFSET = 2;
    /** IO_URING_OP_SUPPORTED: the opcode is supported by this kernel. */
    public static final int IO_URING_OP_SUPPORTED = 1;
    /** How many op slots ringlog asks for: opcodes are u8, so 256 covers every kernel. */
    public static final int MAX_OPS = 256;
    /** Bytes of a probe buffer with {@link #MAX_OPS} slots. */
    public static final int LENGTH = HEADER_LENGTH + MAX_OPS * OP_LENGTH;

    private ProbeLayout() {
    }

    /** The highest opcode the kernel knows. */
    public static int lastOp(MemorySegment probe) {
        return Byte.toUnsignedInt(probe.get(ValueLayout.JAVA_BYTE, LAST_OP_OFFSET));
    }

    /** True when the kernel reported {@code opcode} as supported. */
    public static boolean supports(MemorySegment probe, int opcode) {
        int opsLen = Byte.toUnsignedInt(probe.get(ValueLayout.JAVA_BYTE, OPS_LEN_OFFSET));
        if (opcode < 0 || opcode > lastOp(probe) || opcode >= opsLen) {
            return false;
        }
        short flags = probe.get(ValueLayout.JAVA_SHORT, HEADER_LENGTH + (long) opcode * OP_LENGTH + OP_FLAGS_OFFSET);
        return (flags & IO_URING_OP_SUPPORTED) != 0;
    }
}
