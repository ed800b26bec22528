package io.ringlog.io.uring;

import io.ringlog.io.DurableFile;
import io.ringlog.io.FileOps;
import io.ringlog.io.IoBackendConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hot path allocates nothing per operation once compiled (measured with the thread's allocation counter). */
class IoUringAllocationTest extends UringTestSupport {
    private static final int NOPS = 20_000;
    private static final int WRITES = 1_000;
    private static final int MAX_ROUNDS = 10;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    @Test
    void shouldNotAllocatePerNopOnceWarm() throws Exception {
        try (IoUring ring = IoUring.create(8, true)) {
            long perOp = bestBytesPerOp(NOPS, ring::nop);
            assertTrue(perOp < 8, "allocated " + perOp + " bytes per NOP in the best of " + MAX_ROUNDS + " rounds");
        }
    }

    @Test
    void shouldNotAllocatePerFixedWriteOnceWarm() throws Exception {
        Path file = dir.resolve("alloc.log");
        FileOps.zeroFill(file, 0, 64 * 4096);
        try (IoUringBackend backend = IoUringBackend.create(IoBackendConfig.DEFAULT.withRegisteredBytes(64 * 1024));
             DurableFile f = backend.open(file, false)) {
            MemorySegment block = backend.allocate(4096);
            bestBytesPerOp(NOPS, backend.ring()::nop); // compiles the shared submit-and-wait path
            long perOp = bestBytesPerOp(WRITES, () -> f.write(block, 0));
            assertTrue(perOp < 8, "allocated " + perOp + " bytes per WRITE_FIXED in the best of " + MAX_ROUNDS + " rounds");
        }
    }

    /**
     * Interpreted code allocates inside method-handle plumbing (about 40 bytes per call measured before
     * C2) and a loaded machine may compile late, so rounds repeat until one allocates nothing.
     */
    private static long bestBytesPerOp(int ops, Op op) throws Exception {
        long id = Thread.currentThread().threadId();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < MAX_ROUNDS && best > 0; round++) {
            long before = THREADS.getThreadAllocatedBytes(id);
            for (int i = 0; i < ops; i++) {
                op.run();
            }
            best = Math.min(best, (THREADS.getThreadAllocatedBytes(id) - before) / ops);
        }
        return best;
    }

    @FunctionalInterface
    private interface Op {
        void run() throws Exception;
    }
}
