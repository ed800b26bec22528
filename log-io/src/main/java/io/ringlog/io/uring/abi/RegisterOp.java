package io.ringlog.io.uring.abi;

/**
 * io_uring_register(2) opcodes ({@code IORING_REGISTER_*}) and the layout of
 * {@code struct io_uring_files_update} ({@code include/uapi/linux/io_uring.h}).
 *
 * <pre>
 *  struct io_uring_files_update (16 bytes)
 *  +-------------------------------+-------------------------------+
 *  |        offset (u32)        0  |         resv (u32)         4  |
 *  +-------------------------------+-------------------------------+
 *  |           fds (aligned u64): pointer to s32[nr_args]       8  |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Thread-safety: constants only.
 */
public final class RegisterOp {
    /** arg = struct iovec[nr_args]: pins the buffers for READ_FIXED/WRITE_FIXED (RLIMIT_MEMLOCK, <= 1 GiB each). */
    public static final int IORING_REGISTER_BUFFERS = 0;
    public static final int IORING_UNREGISTER_BUFFERS = 1;
    /** arg = s32 fds[nr_args]; -1 leaves a slot empty (sparse table). */
    public static final int IORING_REGISTER_FILES = 2;
    public static final int IORING_UNREGISTER_FILES = 3;
    /** arg = struct io_uring_files_update; replaces nr_args slots from {@code offset}. */
    public static final int IORING_REGISTER_FILES_UPDATE = 6;
    /** arg = struct io_uring_probe with nr_args op slots. */
    public static final int IORING_REGISTER_PROBE = 8;

    /** sizeof(struct io_uring_files_update). */
    public static final int FILES_UPDATE_LENGTH = 16;
    public static final int FILES_UPDATE_OFFSET_OFFSET = 0;
    public static final int FILES_UPDATE_FDS_OFFSET = 8;

    private RegisterOp() {
    }
}
