package io.ringlog.io.uring.abi;

import java.util.StringJoiner;

/**
 * io_uring_setup(2) flags ({@code IORING_SETUP_*}) and the feature bits the kernel reports back in
 * {@code io_uring_params.features} ({@code IORING_FEAT_*}), from {@code include/uapi/linux/io_uring.h}.
 *
 * <p>Thread-safety: constants and stateless helpers, safe from any thread.
 */
public final class SetupFlags {
    public static final int IORING_SETUP_IOPOLL = 1;
    public static final int IORING_SETUP_SQPOLL = 1 << 1;
    public static final int IORING_SETUP_CLAMP = 1 << 4;
    /** 5.19: task work runs cooperatively at the next kernel entry instead of by IPI. */
    public static final int IORING_SETUP_COOP_TASKRUN = 1 << 8;
    /** 5.19: the kernel sets IORING_SQ_TASKRUN when task work is pending (needs COOP_TASKRUN). */
    public static final int IORING_SETUP_TASKRUN_FLAG = 1 << 9;
    /** 6.0: only the creating task may submit; others get EEXIST. */
    public static final int IORING_SETUP_SINGLE_ISSUER = 1 << 12;
    /** 6.1: completion work runs only inside io_uring_enter(GETEVENTS); requires SINGLE_ISSUER (else EINVAL). */
    public static final int IORING_SETUP_DEFER_TASKRUN = 1 << 13;

    /** IORING_FEAT_SINGLE_MMAP (5.4): SQ and CQ rings share one mmap at IORING_OFF_SQ_RING. */
    public static final int IORING_FEAT_SINGLE_MMAP = 1;
    /** IORING_FEAT_NODROP (5.5): completions are never dropped on CQ overflow. */
    public static final int IORING_FEAT_NODROP = 1 << 1;
    /** IORING_FEAT_SUBMIT_STABLE (5.5): SQE data is consumed at submit time. */
    public static final int IORING_FEAT_SUBMIT_STABLE = 1 << 2;

    private SetupFlags() {
    }

    /** Names of the setup flags set in {@code flags}, joined by '|', e.g. {@code "SINGLE_ISSUER|DEFER_TASKRUN"}; "" for 0. */
    public static String names(int flags) {
        StringJoiner j = new StringJoiner("|");
        add(j, flags, IORING_SETUP_IOPOLL, "IOPOLL");
        add(j, flags, IORING_SETUP_SQPOLL, "SQPOLL");
        add(j, flags, IORING_SETUP_CLAMP, "CLAMP");
        add(j, flags, IORING_SETUP_COOP_TASKRUN, "COOP_TASKRUN");
        add(j, flags, IORING_SETUP_TASKRUN_FLAG, "TASKRUN_FLAG");
        add(j, flags, IORING_SETUP_SINGLE_ISSUER, "SINGLE_ISSUER");
        add(j, flags, IORING_SETUP_DEFER_TASKRUN, "DEFER_TASKRUN");
        int known = IORING_SETUP_IOPOLL | IORING_SETUP_SQPOLL | IORING_SETUP_CLAMP | IORING_SETUP_COOP_TASKRUN
            | IORING_SETUP_TASKRUN_FLAG | IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
        if ((flags & ~known) != 0) {
            j.add("0x" + Integer.toHexString(flags & ~known));
        }
        return j.toString();
    }

    private static void add(StringJoiner j, int flags, int bit, String name) {
        if ((flags & bit) != 0) {
            j.add(name);
        }
    }
}
