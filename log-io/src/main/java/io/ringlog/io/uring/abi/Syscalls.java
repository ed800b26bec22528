package io.ringlog.io.uring.abi;

/**
 * io_uring system call numbers. x86-64 ({@code arch/x86/entry/syscalls/syscall_64.tbl}) and arm64
 * ({@code include/uapi/asm-generic/unistd.h}) both use the generic numbers 425-427, added in 5.1.
 *
 * <p>Thread-safety: constants only.
 */
public final class Syscalls {
    /** {@code int io_uring_setup(u32 entries, struct io_uring_params *p)}. */
    public static final long IO_URING_SETUP = 425;
    /** {@code int io_uring_enter(int fd, u32 to_submit, u32 min_complete, u32 flags, sigset_t *sig, size_t sz)}. */
    public static final long IO_URING_ENTER = 426;
    /** {@code int io_uring_register(int fd, unsigned opcode, void *arg, unsigned nr_args)}. */
    public static final long IO_URING_REGISTER = 427;

    private Syscalls() {
    }
}
