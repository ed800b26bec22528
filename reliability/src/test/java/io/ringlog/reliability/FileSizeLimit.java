package io.ringlog.reliability;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The process's soft RLIMIT_FSIZE ({@code setrlimit(2)}): a write at or beyond the limit fails with
 * EFBIG (HotSpot ignores the SIGXFSZ that comes with it), which log-io reports as
 * {@code DiskFullException} - a real kernel error for "disk full" tests without filling a disk. The hard
 * limit is left as it is, so the soft limit can always be raised again. Per process: use it only in a
 * child JVM.
 *
 * <p>Thread-safety: safe from any thread (the limit is process-wide).
 */
final class FileSizeLimit {
    private static final int RLIMIT_FSIZE = 1; // asm-generic/resource.h, same on x86-64 and arm64
    private static final long RLIM_INFINITY = -1L;
    private static final MethodHandle GETRLIMIT = downcall("getrlimit");
    private static final MethodHandle SETRLIMIT = downcall("setrlimit");

    private FileSizeLimit() {
    }

    private static MethodHandle downcall(String name) {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(linker.defaultLookup().find(name).orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    /** Sets the soft limit to {@code bytes}, or back to the hard limit with -1. */
    static void set(long bytes) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment limits = arena.allocate(16, 8);
            check((int) GETRLIMIT.invokeExact(RLIMIT_FSIZE, limits), "getrlimit");
            long hard = limits.get(JAVA_LONG, 8);
            long soft = bytes == RLIM_INFINITY ? hard : hard == RLIM_INFINITY ? bytes : Math.min(bytes, hard);
            limits.set(JAVA_LONG, 0, soft);
            check((int) SETRLIMIT.invokeExact(RLIMIT_FSIZE, limits), "setrlimit");
        }
    }

    private static void check(int rc, String call) {
        if (rc != 0) {
            throw new IllegalStateException(call + "(RLIMIT_FSIZE) failed");
        }
    }
}
