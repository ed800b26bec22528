package io.ringlog.io;

import io.ringlog.io.nativeio.LibcSystem;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Child-JVM entry point of {@link DiskFullTest}: lowers its own RLIMIT_FSIZE to {@link #LIMIT} with
 * setrlimit (FFM), then writes 8 KiB at {@code LIMIT - 4096} with every backend. The kernel writes the
 * first 4 KiB (a short write the backends must continue) and fails the rest with EFBIG; HotSpot installs
 * its own SIGXFSZ handler that ignores the signal (hotspot signals_posix.cpp), so the JVM survives and
 * the write returns the error. Prints one line per backend and exits 0 when every backend threw
 * {@link DiskFullException}.
 *
 * <p>Thread-safety: a main program, single-threaded.
 */
public final class DiskFullChild {
    static final long LIMIT = 64 * 1024;

    private DiskFullChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long[] old = LibcSystem.getrlimit(LibcSystem.RLIMIT_FSIZE);
        LibcSystem.setrlimit(LibcSystem.RLIMIT_FSIZE, LIMIT, old[1]);
        int failures = 0;
        for (int i = 1; i < args.length; i++) {
            BackendKind kind = BackendKind.fromExternalName(args[i]);
            try (IoBackend backend = IoBackends.create(kind, IoBackendConfig.DEFAULT);
                 DurableFile f = backend.open(dir.resolve(kind.externalName() + ".log"), true)) {
                MemorySegment two = backend.allocate(2L * Alignment.BLOCK);
                f.writeDurable(two, LIMIT - Alignment.BLOCK);
                System.out.println(kind.externalName() + ": no exception, size " + f.size());
                failures++;
            } catch (DiskFullException e) {
                System.out.println(kind.externalName() + ": DiskFullException errno=" + e.errnoName() + " call="
                    + e.call() + " offset=" + e.offset() + " length=" + e.length() + " message=" + e.getMessage());
            } catch (Exception e) {
                System.out.println(kind.externalName() + ": unexpected " + e);
                failures++;
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
