package io.ringlog.io.nativeio;

import io.ringlog.io.NativeIoException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * FFM downcalls into libc, each capturing errno. Every method returns the raw result; failures are
 * reported by {@link #check} style helpers as {@link NativeIoException} with the call, path and range.
 * No method here is linked with {@code Linker.Option.critical}: all of them can block, and a critical
 * call blocked in the kernel stalls every GC safepoint (measured: 400 ms).
 *
 * <p>Thread-safety: safe from any thread; errno is captured into a per-thread segment, read right
 * after the call on the same thread.
 */
public final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
        CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /** Per-thread capture buffer: allocated once per thread, so no allocation per call. */
    private static final ThreadLocal<MemorySegment> STATE =
        ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CALL_STATE));

    // Downcall handles live in holder classes, linked on first use of their group: linking all 13
    // at once took ~170 ms of a broker's start (method-handle spinning), where the start only needs
    // mmap/munmap (aligned memory). Each handle stays a static final constant for the JIT.
    private static final class Files {
        // open(const char*, int, ...) is variadic after the flags: mode goes as a variadic int.
        static final MethodHandle OPEN = downcall("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
        static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        static final MethodHandle FDATASYNC = downcall("fdatasync", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        static final MethodHandle FSYNC = downcall("fsync", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        static final MethodHandle FALLOCATE = downcall("fallocate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
        static final MethodHandle FTRUNCATE = downcall("ftruncate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    }

    private static final class Io {
        static final MethodHandle PWRITEV2 = downcall("pwritev2",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT));
        static final MethodHandle PREADV2 = downcall("preadv2",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT));
        static final MethodHandle PWRITE = downcall("pwrite",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
        static final MethodHandle PREAD = downcall("pread",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    }

    private static final class Sys {
        // long syscall(long number, ...): variadic after the number; always pass six longs so no
        // leftover register reaches the kernel.
        static final MethodHandle SYSCALL = downcall("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    }

    private static final class Memory {
        static final MethodHandle MMAP = downcall("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
        static final MethodHandle MUNMAP = downcall("munmap",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    }

    /** {@code mmap}'s failure value, {@code (void*) -1}. */
    public static final long MAP_FAILED = -1L;

    private Libc() {
    }

    /** Links libc {@code name} with errno capture plus {@code extra} options (shared with {@link LibcSystem}). */
    static MethodHandle downcall(String name, FunctionDescriptor fd, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(extra, 0, options, 1, extra.length);
        MemorySegment symbol = LOOKUP.find(name)
            .orElseThrow(() -> new UnsatisfiedLinkError("libc symbol not found: " + name));
        return LINKER.downcallHandle(symbol, fd, options);
    }

    /** The current thread's errno capture segment, passed as the first argument of every downcall. */
    static MemorySegment callState() {
        return STATE.get();
    }

    /** errno of the last call made through this class on the current thread. */
    public static int lastErrno() {
        return (int) ERRNO.get(STATE.get(), 0L);
    }

    /** {@code open(path, flags, mode)}; returns the fd or -1 (see {@link #lastErrno()}). */
    public static int open(MemorySegment cPath, int flags, int mode) {
        try {
            return (int) Files.OPEN.invokeExact(STATE.get(), cPath, flags, mode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Opens {@code path}, throwing {@link NativeIoException} (call "open") on failure. */
    public static int openOrThrow(String path, int flags, int mode) throws NativeIoException {
        try (Arena arena = Arena.ofConfined()) {
            int fd = open(arena.allocateFrom(path), flags, mode);
            if (fd < 0) {
                throw NativeIoException.of(lastErrno(), "open", path, NativeIoException.NONE, NativeIoException.NONE);
            }
            return fd;
        }
    }

    /** {@code close(fd)}; returns 0 or -1. */
    public static int close(int fd) {
        try {
            return (int) Files.CLOSE.invokeExact(STATE.get(), fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code pwritev2(fd, iov, iovcnt, offset, flags)}; returns bytes written or -1. */
    public static long pwritev2(int fd, MemorySegment iov, int iovcnt, long offset, int flags) {
        try {
            return (long) Io.PWRITEV2.invokeExact(STATE.get(), fd, iov, iovcnt, offset, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code preadv2(fd, iov, iovcnt, offset, flags)}; returns bytes read or -1. */
    public static long preadv2(int fd, MemorySegment iov, int iovcnt, long offset, int flags) {
        try {
            return (long) Io.PREADV2.invokeExact(STATE.get(), fd, iov, iovcnt, offset, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code pwrite(fd, buf, count, offset)}; returns bytes written or -1. */
    public static long pwrite(int fd, MemorySegment buf, long count, long offset) {
        try {
            return (long) Io.PWRITE.invokeExact(STATE.get(), fd, buf, count, offset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code pread(fd, buf, count, offset)}; returns bytes read or -1. */
    public static long pread(int fd, MemorySegment buf, long count, long offset) {
        try {
            return (long) Io.PREAD.invokeExact(STATE.get(), fd, buf, count, offset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code fdatasync(fd)}; returns 0 or -1. */
    public static int fdatasync(int fd) {
        try {
            return (int) Files.FDATASYNC.invokeExact(STATE.get(), fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code fsync(fd)} (also used on directory fds); returns 0 or -1. */
    public static int fsync(int fd) {
        try {
            return (int) Files.FSYNC.invokeExact(STATE.get(), fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code fallocate(fd, mode, offset, len)}; returns 0 or -1. */
    public static int fallocate(int fd, int mode, long offset, long len) {
        try {
            return (int) Files.FALLOCATE.invokeExact(STATE.get(), fd, mode, offset, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ftruncate(fd, length)}; returns 0 or -1. */
    public static int ftruncate(int fd, long length) {
        try {
            return (int) Files.FTRUNCATE.invokeExact(STATE.get(), fd, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Raw {@code syscall(number, a1..a6)}; returns the result or -1 (see {@link #lastErrno()}). */
    public static long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6) {
        try {
            return (long) Sys.SYSCALL.invokeExact(STATE.get(), number, a1, a2, a3, a4, a5, a6);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code mmap(addr, length, prot, flags, fd, offset)}; returns a segment of {@code length} bytes
     * (FFM gives a zero-length one; it is reinterpreted here) or throws with call "mmap".
     */
    public static MemorySegment mmap(long length, int prot, int flags, int fd, long offset, String what)
        throws NativeIoException {
        MemorySegment p;
        try {
            p = (MemorySegment) Memory.MMAP.invokeExact(STATE.get(), MemorySegment.NULL, length, prot, flags, fd, offset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (p.address() == MAP_FAILED) {
            throw NativeIoException.of(lastErrno(), "mmap", what, offset, length);
        }
        return p.reinterpret(length);
    }

    /** {@code munmap(addr, length)}; returns 0 or -1. */
    public static int munmap(MemorySegment addr, long length) {
        try {
            return (int) Memory.MUNMAP.invokeExact(STATE.get(), addr, length);
        } catch (Throwable t) {
            throw rethrow(t);
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

    /** The layout of {@code struct iovec}: {@code void *iov_base; size_t iov_len;}. */
    public static final StructLayout IOVEC = MemoryLayout.structLayout(
        ADDRESS.withName("iov_base"), JAVA_LONG.withName("iov_len"));

    /** Byte offset of iov_base in {@link #IOVEC}. */
    public static final long IOV_BASE_OFFSET = 0;
    /** Byte offset of iov_len in {@link #IOVEC}. */
    public static final long IOV_LEN_OFFSET = ValueLayout.ADDRESS.byteSize();
}
