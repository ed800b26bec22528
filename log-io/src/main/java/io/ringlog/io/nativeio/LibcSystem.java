package io.ringlog.io.nativeio;

import io.ringlog.io.NativeIoException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * libc calls used off the write path: statx (device, size, direct-I/O alignment), lseek (file size)
 * and the resource limits (RLIMIT_FSIZE makes the disk-full path testable without a full disk).
 * Errno is captured exactly as in {@link Libc}; read it with {@link Libc#lastErrno()}.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class LibcSystem {
    private static final MethodHandle STATX = Libc.downcall("statx",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle LSEEK = Libc.downcall("lseek",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle GETRLIMIT = Libc.downcall("getrlimit",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SETRLIMIT = Libc.downcall("setrlimit",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    /** lseek whence: from the end of the file. */
    public static final int SEEK_END = 2;
    /** RLIMIT_FSIZE (asm-generic/resource.h, also x86-64): largest file the process may write. */
    public static final int RLIMIT_FSIZE = 1;

    private LibcSystem() {
    }

    /** The fields ringlog reads from {@code struct statx}. Thread-safety: immutable. */
    public record StatxInfo(int mask, int blockSize, long size, int devMajor, int devMinor, int dioMemAlign,
                            int dioOffsetAlign) {
        /** True when the kernel filled the direct-I/O alignment fields (STATX_DIOALIGN, Linux 6.1+). */
        public boolean hasDioAlign() {
            return (mask & Statx.STATX_DIOALIGN) != 0;
        }
    }

    /** {@code statx(AT_FDCWD, path, 0, BASIC_STATS|DIOALIGN)}; throws with call "statx" on failure. */
    public static StatxInfo statx(String path) throws NativeIoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Statx.SIZE, 8);
            int rc;
            try {
                rc = (int) STATX.invokeExact(Libc.callState(), Statx.AT_FDCWD, arena.allocateFrom(path), 0,
                    Statx.STATX_BASIC_STATS | Statx.STATX_DIOALIGN, buf);
            } catch (Throwable t) {
                throw rethrow(t);
            }
            if (rc != 0) {
                throw NativeIoException.of(Libc.lastErrno(), "statx", path, NativeIoException.NONE,
                    NativeIoException.NONE);
            }
            return new StatxInfo(buf.get(JAVA_INT, Statx.MASK_OFFSET), buf.get(JAVA_INT, Statx.BLKSIZE_OFFSET),
                buf.get(JAVA_LONG, Statx.SIZE_FIELD_OFFSET), buf.get(JAVA_INT, Statx.DEV_MAJOR_OFFSET),
                buf.get(JAVA_INT, Statx.DEV_MINOR_OFFSET), buf.get(JAVA_INT, Statx.DIO_MEM_ALIGN_OFFSET),
                buf.get(JAVA_INT, Statx.DIO_OFFSET_ALIGN_OFFSET));
        }
    }

    /** {@code lseek(fd, offset, whence)}; returns the new offset or -1. */
    public static long lseek(int fd, long offset, int whence) {
        try {
            return (long) LSEEK.invokeExact(Libc.callState(), fd, offset, whence);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The soft and hard limit of {@code resource} as {@code long[]{cur, max}}. */
    public static long[] getrlimit(int resource) throws NativeIoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rlim = arena.allocate(16, 8);
            int rc;
            try {
                rc = (int) GETRLIMIT.invokeExact(Libc.callState(), resource, rlim);
            } catch (Throwable t) {
                throw rethrow(t);
            }
            if (rc != 0) {
                throw NativeIoException.of(Libc.lastErrno(), "getrlimit", null, NativeIoException.NONE,
                    NativeIoException.NONE);
            }
            return new long[] {rlim.get(JAVA_LONG, 0), rlim.get(JAVA_LONG, 8)};
        }
    }

    /** Sets the soft ({@code cur}) and hard ({@code max}) limit of {@code resource}. */
    public static void setrlimit(int resource, long cur, long max) throws NativeIoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rlim = arena.allocate(16, 8);
            rlim.set(JAVA_LONG, 0, cur);
            rlim.set(JAVA_LONG, 8, max);
            int rc;
            try {
                rc = (int) SETRLIMIT.invokeExact(Libc.callState(), resource, rlim);
            } catch (Throwable t) {
                throw rethrow(t);
            }
            if (rc != 0) {
                throw NativeIoException.of(Libc.lastErrno(), "setrlimit", null, NativeIoException.NONE,
                    NativeIoException.NONE);
            }
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("unexpected checked exception from a downcall", t);
    }
}
