package io.ringlog.io;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
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
    void writesShouldReachAnAllocationFreeSteadyState() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "no per-thread allocation counter in this JVM");
        // Until C2 compiles it, every downcall with captureCallState allocates ~40 bytes inside the JDK
        // (SharedUtils.checkCaptureSegment slices the errno segment; JFR shows NativeMemorySegmentImpl);
        // C2 scalar-replaces the slice and the path allocates nothing (measured: 0 B/write after 20-30k
        // calls). So: windows of 1,000 plain writes until one allocates < 16 bytes per write, within
        // 200 windows or 20 s (C2 gets little CPU on a loaded 2-core machine). tmpfs's page-cache
        // O_DIRECT (Linux >= 6.6) makes a window ~5 ms instead of ~50 ms; the Java path is the same.
        Path where = Files.isDirectory(TestFiles.SHM) ? TestFiles.shmDirectory() : dir;
        long tid = Thread.currentThread().threadId();
        long perWrite = Long.MAX_VALUE;
        try (IoBackend backend = IoBackends.create(BackendKind.PWRITE_DSYNC, IoBackendConfig.DEFAULT);
             DurableFile f = backend.open(where.resolve("alloc.log"), true)) {
            MemorySegment block = backend.allocate(Alignment.BLOCK);
            long deadline = System.nanoTime() + 20_000_000_000L;
            for (int window = 0; window < 200 && perWrite >= 16 && System.nanoTime() < deadline; window++) {
                long before = threads.getThreadAllocatedBytes(tid);
                for (int i = 0; i < 1_000; i++) {
                    f.write(block, (i % 16) * (long) Alignment.BLOCK);
                }
                perWrite = (threads.getThreadAllocatedBytes(tid) - before) / 1_000;
            }
        } catch (InvalidIoArgumentException e) {
            assumeTrue(false, "O_DIRECT rejected in " + where + ": " + e.getMessage());
        } finally {
            if (where != dir) {
                TestFiles.deleteRecursively(where);
            }
        }
        assertTrue(perWrite < 16, "pwritev2 path still allocates " + perWrite + " bytes per write");
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
