package io.ringlog.io.uring;

import io.ringlog.io.Errno;
import io.ringlog.io.NativeIoException;
import io.ringlog.io.nativeio.Libc;
import io.ringlog.io.uring.abi.IoUringParams;
import io.ringlog.io.uring.abi.SetupFlags;
import io.ringlog.io.uring.abi.Syscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * io_uring_setup(2) with the flag fallback chain: SINGLE_ISSUER|DEFER_TASKRUN (6.1) when a
 * single-issuer ring was asked for, then COOP_TASKRUN (5.19), then no flags. Only EINVAL ("flag not
 * known to this kernel") moves to the next candidate; any other errno (ENOSYS: no io_uring or seccomp;
 * EPERM: the kernel.io_uring_disabled sysctl or seccomp; ENOMEM; EMFILE) ends the attempt.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
final class RingSetup {
    private static final int SI_DEFER = SetupFlags.IORING_SETUP_SINGLE_ISSUER | SetupFlags.IORING_SETUP_DEFER_TASKRUN;
    private static final int[] SINGLE_ISSUER_CHAIN = {SI_DEFER, SetupFlags.IORING_SETUP_COOP_TASKRUN, 0};
    private static final int[] SHARED_CHAIN = {SetupFlags.IORING_SETUP_COOP_TASKRUN, 0};

    /**
     * A set-up ring fd and what the kernel accepted.
     *
     * @param ringFd   the ring's file descriptor
     * @param flags    the IORING_SETUP_* flags accepted
     * @param features IORING_FEAT_* bits reported
     * @param memory   the mapped rings
     */
    record Created(int ringFd, int flags, int features, RingMemory memory) {
    }

    private RingSetup() {
    }

    /**
     * Creates and maps a ring of {@code entries} SQEs.
     *
     * @param kernelSingleIssuer ask for SINGLE_ISSUER|DEFER_TASKRUN first
     */
    static Created create(int entries, boolean kernelSingleIssuer) throws NativeIoException {
        int[] chain = kernelSingleIssuer ? SINGLE_ISSUER_CHAIN : SHARED_CHAIN;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = arena.allocate(IoUringParams.LENGTH, 8);
            int lastErrno = 0;
            for (int flags : chain) {
                params.fill((byte) 0);
                params.set(ValueLayout.JAVA_INT, IoUringParams.FLAGS_OFFSET, flags);
                long fd = Libc.syscall(Syscalls.IO_URING_SETUP, entries, params.address(), 0, 0, 0, 0);
                if (fd >= 0) {
                    return mapped((int) fd, flags, params);
                }
                lastErrno = Libc.lastErrno();
                if (lastErrno != Errno.EINVAL) {
                    break;
                }
            }
            throw NativeIoException.of(lastErrno, "io_uring_setup(entries=" + entries + ", flags tried "
                + describe(chain) + ")", null, NativeIoException.NONE, NativeIoException.NONE);
        }
    }

    private static Created mapped(int fd, int flags, MemorySegment params) throws NativeIoException {
        try {
            RingMemory memory = RingMemory.map(fd, params);
            return new Created(fd, flags, IoUringParams.u32(params, IoUringParams.FEATURES_OFFSET), memory);
        } catch (NativeIoException | RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    private static String describe(int[] chain) {
        StringBuilder sb = new StringBuilder();
        for (int f : chain) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(f == 0 ? "0" : SetupFlags.names(f));
        }
        return sb.toString();
    }
}
