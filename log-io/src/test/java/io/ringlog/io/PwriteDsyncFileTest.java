package io.ringlog.io;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@ExtendWith(LeakCheck.class)
class PwriteDsyncFileTest {
    @TempDir
    Path dir;

    @BeforeEach
    void requireDirectIo() throws Exception {
        StorageInfo s = IoCapabilities.of(dir).storage();
        assumeTrue(s.directIo(), () -> "needs O_DIRECT in " + dir + ": " + s.directIoCause());
    }

    @Test
    void writesShouldNotAllocateOnTheHeap() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "no per-thread allocation counter in this JVM");
        try (IoBackend backend = IoBackends.create(BackendKind.PWRITE_DSYNC, IoBackendConfig.DEFAULT);
             DurableFile f = backend.open(dir.resolve("alloc.log"), true)) {
            MemorySegment block = backend.allocate(Alignment.BLOCK);
            for (int i = 0; i < 2_000; i++) { // warm-up: let the JIT compile the downcall path
                f.write(block, (i % 16) * (long) Alignment.BLOCK);
            }
            long tid = Thread.currentThread().threadId();
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 1_000; i++) {
                f.write(block, (i % 16) * (long) Alignment.BLOCK);
            }
            long perWrite = (threads.getThreadAllocatedBytes(tid) - before) / 1_000;
            // 0 once compiled; allow a few bytes of slack for a JIT transition during the window
            assertTrue(perWrite < 16, "pwritev2 path allocated " + perWrite + " bytes per write");
        }
    }

    @Test
    void sizeShouldFollowWritesPastTheEnd() throws Exception {
        try (IoBackend backend = IoBackends.create(BackendKind.PWRITE_DSYNC, IoBackendConfig.DEFAULT);
             DurableFile f = backend.open(dir.resolve("size.log"), true)) {
            assertEquals(0, f.size());
            f.writeDurable(backend.allocate(Alignment.BLOCK), 3L * Alignment.BLOCK);
            assertEquals(4L * Alignment.BLOCK, f.size());
        }
    }

    @Test
    void useAfterCloseShouldFailClearly() throws Exception {
        try (IoBackend backend = IoBackends.create(BackendKind.PWRITE_DSYNC, IoBackendConfig.DEFAULT)) {
            DurableFile f = backend.open(dir.resolve("closed.log"), true);
            f.close();
            var e = assertThrows(IllegalStateException.class, () -> f.writeDurable(backend.allocate(4096), 0));
            assertTrue(e.getMessage().contains("closed.log"), e.getMessage());
        }
    }

    @Test
    void figuresShouldUseNearestRankPercentiles() {
        long[] samples = new long[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = (100 - i) * 1_000L; // 100 us down to 1 us, unsorted on purpose
        }
        AutoSelection.Candidate c = Calibrator.figures(BackendKind.PWRITE_DSYNC, samples, 100);
        assertEquals(50.0, c.p50Micros(), 1e-9);
        assertEquals(99.0, c.p99Micros(), 1e-9);
        assertEquals(100 * 1e9 / (5050 * 1_000.0), c.opsPerSecond(), 1e-6);
    }
}
