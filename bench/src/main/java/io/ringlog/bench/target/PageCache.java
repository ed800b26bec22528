package io.ringlog.bench.target;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * Drops a file's clean page-cache pages ({@code posix_fadvise(POSIX_FADV_DONTNEED)}) before every
 * round, so each backend starts from the same cache state. Without it the order of the schedule would
 * matter: after a buffered backend (filechannel_force) or the mmap peer leaves the file's pages cached,
 * the next O_DIRECT backend pays page invalidation on its writes, and from Linux 6.19 loses the inline
 * completion of pure overwrites, which needs a file without cached pages. fio does the same before its
 * job by default ({@code invalidate=1}). All our writes are durable, so there are no dirty pages to lose.
 *
 * <p>Own downcalls rather than log-io's Libc, which is being reworked on other branches; best effort:
 * where posix_fadvise is missing the drop is skipped.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
final class PageCache {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int POSIX_FADV_DONTNEED = 4;
    private static final MethodHandle OPEN;
    private static final MethodHandle FADVISE;
    private static final MethodHandle CLOSE;

    static {
        Linker linker = Linker.nativeLinker();
        var lookup = linker.defaultLookup();
        MethodHandle open = null;
        MethodHandle fadvise = null;
        MethodHandle close = null;
        try {
            // open is variadic after its second argument.
            open = linker.downcallHandle(lookup.findOrThrow("open"), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
            fadvise = linker.downcallHandle(lookup.findOrThrow("posix_fadvise"), FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
            close = linker.downcallHandle(lookup.findOrThrow("close"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        } catch (RuntimeException | LinkageError e) {
            open = null;
        }
        OPEN = open;
        FADVISE = fadvise;
        CLOSE = close;
    }

    private PageCache() {
    }

    /** Drops the clean cached pages of {@code file}; returns false when it could not (missing file, no libc). */
    static boolean drop(Path file) {
        if (OPEN == null) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(arena.allocateFrom(file.toString()), O_RDONLY | O_CLOEXEC, 0);
            if (fd < 0) {
                return false;
            }
            int rc = (int) FADVISE.invokeExact(fd, 0L, 0L, POSIX_FADV_DONTNEED);
            int ignored = (int) CLOSE.invokeExact(fd);
            return rc == 0;
        } catch (Throwable t) {
            return false;
        }
    }
}
