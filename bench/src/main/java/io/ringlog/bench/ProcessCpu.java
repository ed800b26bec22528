package io.ringlog.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;

/**
 * CPU time (user + system) of the whole process, from {@code getrusage(RUSAGE_SELF)} through FFM.
 * RUSAGE_SELF sums every thread of the process, so kernel work done on our behalf in threads that
 * belong to us counts: io_uring's io-wq workers ({@code iou-wrk-*}) and the JVM's own GC and JIT
 * threads. Work done in shared kernel workqueues (kworker, e.g. ext4's DIO completion workqueue) is
 * charged to no process at all; fio's usr/sys figures come from getrusage too, so both sides miss
 * it equally. ThreadMXBean is not used because it sees only the calling Java thread.
 *
 * <p>Resolution is 1 us (struct timeval) against ~10 ms for /proc/self/stat clock ticks, which
 * matters for a 200-op test round of ~20 ms. When getrusage cannot be linked (not Linux/glibc), falls
 * back to {@code OperatingSystemMXBean.getProcessCpuTime()} (also process-wide).
 *
 * <p>Thread-safety: safe from any thread; each call allocates a small confined arena.
 */
public final class ProcessCpu {
    private static final int RUSAGE_SELF = 0;
    // struct rusage starts with ru_utime and ru_stime, each struct timeval {long tv_sec; long tv_usec}
    // on 64-bit Linux (x86-64 and arm64); the whole struct is 144 bytes.
    private static final long RUSAGE_BYTES = 144;
    private static final long UTIME_SEC = 0;
    private static final long UTIME_USEC = 8;
    private static final long STIME_SEC = 16;
    private static final long STIME_USEC = 24;
    private static final MethodHandle GETRUSAGE = linkGetrusage();

    private ProcessCpu() {
    }

    /** Where the figures come from: "getrusage" or "OperatingSystemMXBean". */
    public static String source() {
        return GETRUSAGE != null ? "getrusage(RUSAGE_SELF)" : "OperatingSystemMXBean.getProcessCpuTime";
    }

    /** Total user + system CPU time of this process so far, in nanoseconds. */
    public static long nanos() {
        if (GETRUSAGE == null) {
            return fallbackNanos();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ru = arena.allocate(RUSAGE_BYTES, 8);
            int rc = (int) GETRUSAGE.invokeExact(RUSAGE_SELF, ru);
            if (rc != 0) {
                return fallbackNanos();
            }
            long us = ru.get(ValueLayout.JAVA_LONG, UTIME_SEC) * 1_000_000L + ru.get(ValueLayout.JAVA_LONG, UTIME_USEC)
                + ru.get(ValueLayout.JAVA_LONG, STIME_SEC) * 1_000_000L + ru.get(ValueLayout.JAVA_LONG, STIME_USEC);
            return us * 1000L;
        } catch (Throwable t) {
            return fallbackNanos();
        }
    }

    private static long fallbackNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static MethodHandle linkGetrusage() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("getrusage")
                .map(addr -> linker.downcallHandle(addr,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS)))
                .orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
