package io.ringlog.io.uring.abi;

/**
 * Per-entry flags of {@code io_uring_sqe.flags} ({@code IOSQE_*}) and the {@code fsync_flags} value,
 * from {@code include/uapi/linux/io_uring.h}.
 *
 * <p>Thread-safety: constants only.
 */
public final class SqeFlags {
    /** IOSQE_FIXED_FILE: {@code fd} is an index into the registered file table (skips the fd lookup). */
    public static final byte IOSQE_FIXED_FILE = 1;
    public static final byte IOSQE_IO_DRAIN = 1 << 1;
    public static final byte IOSQE_IO_LINK = 1 << 2;
    public static final byte IOSQE_ASYNC = 1 << 4;

    /** fsync_flags: IORING_FSYNC_DATASYNC makes IORING_OP_FSYNC an fdatasync. */
    public static final int IORING_FSYNC_DATASYNC = 1;

    private SqeFlags() {
    }
}
