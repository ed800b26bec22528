package io.ringlog.io.uring;

import io.ringlog.io.DurableFile;
import io.ringlog.io.IoBackendConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IoUringThreadingTest extends UringTestSupport {
    private static final int THREADS = 4;
    private static final int WRITES = 100;
    private static final IoBackendConfig SMALL = IoBackendConfig.DEFAULT.withRegisteredBytes(64 * 1024);

    @TempDir
    Path dir;

    @Test
    void shouldRunOneSingleIssuerRingPerThreadConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Path file = dir.resolve("thread-" + t + ".log");
                int seed = t;
                results.add(pool.submit(() -> writeAndVerify(file, seed)));
            }
            for (Future<Integer> r : results) {
                assertEquals(WRITES, r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int writeAndVerify(Path file, int seed) throws Exception {
        try (IoUringBackend backend = IoUringBackend.create(SMALL.withSingleIssuer(true));
             DurableFile f = backend.open(file, true)) {
            MemorySegment block = backend.allocate(4096);
            MemorySegment back = backend.allocate(4096);
            int verified = 0;
            for (int i = 0; i < WRITES; i++) {
                fill(block, seed * 1000 + i);
                f.writeDurable(block, (i % 16) * 4096L);
                assertEquals(4096, f.read(back, (i % 16) * 4096L));
                if (back.mismatch(block) == -1) {
                    verified++;
                }
            }
            return verified;
        }
    }

    @Test
    void shouldRefuseSingleIssuerRingFromAnotherThreadNamingBothThreads() throws Exception {
        try (IoUring ring = IoUring.create(8, true)) {
            ring.nop();
            String owner = Thread.currentThread().getName();
            IllegalStateException e = CompletableFuture.supplyAsync(
                () -> assertThrows(IllegalStateException.class, ring::nop),
                runnable -> new Thread(runnable, "intruder-thread").start()).get(10, TimeUnit.SECONDS);
            assertTrue(e.getMessage().contains("'" + owner + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("'intruder-thread'"), e.getMessage());
            ring.nop(); // the owner still uses it
        }
    }

    @Test
    void shouldRefuseSingleIssuerBackendFileIoFromAnotherThread() throws Exception {
        try (IoUringBackend backend = IoUringBackend.create(SMALL.withSingleIssuer(true));
             DurableFile f = backend.open(dir.resolve("owned.log"), true)) {
            MemorySegment block = backend.allocate(4096);
            f.writeDurable(block, 0);
            Exception e = CompletableFuture.supplyAsync(
                () -> assertThrows(IllegalStateException.class, () -> f.writeDurable(block, 0)),
                runnable -> new Thread(runnable, "other-writer").start()).get(10, TimeUnit.SECONDS);
            assertTrue(e.getMessage().contains("'other-writer'"), e.getMessage());
        }
    }

    @Test
    void shouldOpenFilesOfSingleIssuerBackendFromAnyThreadWithThePlainFd() throws Exception {
        try (IoUringBackend backend = IoUringBackend.create(SMALL.withSingleIssuer(true))) {
            // The kernel answers EEXIST to register calls from other tasks, so the slot is skipped.
            DurableFile f = CompletableFuture.supplyAsync(() -> {
                try {
                    return backend.open(dir.resolve("opened-elsewhere.log"), true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, runnable -> new Thread(runnable, "opener").start()).get(10, TimeUnit.SECONDS);
            try (f) {
                assertTrue(!((IoUringFile) f).isFixedFile());
                MemorySegment block = backend.allocate(4096);
                fill(block, 11);
                f.writeDurable(block, 0); // the owner does the I/O
                MemorySegment back = backend.allocate(4096);
                assertEquals(4096, f.read(back, 0));
                assertEquals(-1, back.mismatch(block));
            }
        }
    }

    @Test
    void shouldSerializeSharedRingAcrossThreads() throws Exception {
        try (IoUringBackend backend = IoUringBackend.create(SMALL.withSingleIssuer(false));
             DurableFile f = backend.open(dir.resolve("shared.log"), true)) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    MemorySegment block = backend.allocate(4096);
                    MemorySegment back = backend.allocate(4096);
                    long offset = t * 4096L;
                    int seed = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < WRITES; i++) {
                            fill(block, seed * 1000 + i);
                            backend.ring().writeDurable(((IoUringFile) f).ringFd(), block, offset);
                            backend.ring().nop();
                            assertEquals(4096, backend.ring().read(((IoUringFile) f).ringFd(), back, offset));
                            assertEquals(-1, back.mismatch(block));
                        }
                        return null;
                    }));
                }
                for (Future<?> d : done) {
                    d.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
