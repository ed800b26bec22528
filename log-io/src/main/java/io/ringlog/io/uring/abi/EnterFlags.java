package io.ringlog.io.uring.abi;

/**
 * io_uring_enter(2) flags ({@code IORING_ENTER_*}) and the SQ ring flag bits the kernel publishes
 * ({@code IORING_SQ_*}), from {@code include/uapi/linux/io_uring.h}.
 *
 * <p>Thread-safety: constants only.
 */
public final class EnterFlags {
    /** Wait for {@code min_complete} completions before returning (runs deferred task work). */
    public static final int IORING_ENTER_GETEVENTS = 1;
    public static final int IORING_ENTER_SQ_WAKEUP = 1 << 1;

    /** SQ ring flag: the CQ overflowed and entries wait in the kernel's overflow list. */
    public static final int IORING_SQ_CQ_OVERFLOW = 1 << 1;

    private EnterFlags() {
    }
}
