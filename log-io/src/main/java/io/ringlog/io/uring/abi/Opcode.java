package io.ringlog.io.uring.abi;

/**
 * The {@code enum io_uring_op} values ringlog submits ({@code include/uapi/linux/io_uring.h}), with the
 * kernel release that added each.
 *
 * <p>Thread-safety: constants and stateless helpers, safe from any thread.
 */
public final class Opcode {
    /** IORING_OP_NOP (5.1): completes with res 0; measures the bare submit+reap cost. */
    public static final byte NOP = 0;
    /** IORING_OP_FSYNC (5.1): fsync, or fdatasync with {@link SqeFlags#IORING_FSYNC_DATASYNC}. */
    public static final byte FSYNC = 3;
    /** IORING_OP_READ_FIXED (5.1): read into a registered buffer. */
    public static final byte READ_FIXED = 4;
    /** IORING_OP_WRITE_FIXED (5.1): write from a registered buffer (no per-call page pinning). */
    public static final byte WRITE_FIXED = 5;
    /** IORING_OP_READ (5.6): read into any buffer. */
    public static final byte READ = 22;
    /** IORING_OP_WRITE (5.6): write from any buffer. */
    public static final byte WRITE = 23;

    /** The opcodes ringlog needs, in the order {@link #name} lists them. */
    public static final byte[] USED = {NOP, FSYNC, READ_FIXED, WRITE_FIXED, READ, WRITE};

    private Opcode() {
    }

    /** The name without the IORING_OP_ prefix, e.g. {@code "WRITE_FIXED"}. */
    public static String name(int opcode) {
        return switch (opcode) {
            case NOP -> "NOP";
            case FSYNC -> "FSYNC";
            case READ_FIXED -> "READ_FIXED";
            case WRITE_FIXED -> "WRITE_FIXED";
            case READ -> "READ";
            case WRITE -> "WRITE";
            default -> "op-" + opcode;
        };
    }

    /** The call name used in exceptions, e.g. {@code "io_uring WRITE_FIXED"} (constant strings, no allocation). */
    public static String callName(int opcode) {
        return switch (opcode) {
            case NOP -> "io_uring NOP";
            case FSYNC -> "io_uring FSYNC";
            case READ_FIXED -> "io_uring READ_FIXED";
            case WRITE_FIXED -> "io_uring WRITE_FIXED";
            case READ -> "io_uring READ";
            case WRITE -> "io_uring WRITE";
            default -> "io_uring op-" + opcode;
        };
    }
}
