package io.ringlog.core.segment;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class SegmentPreparerTest {
    private static final long SIZE = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheTargetNumberOfZeroFilledFilesReady() throws Exception {
        AtomicInteger housekeeping = new AtomicInteger();
        SegmentPreparer preparer = new SegmentPreparer(dir, SIZE, 2, housekeeping::incrementAndGet);
        AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, preparer);
        AgentRunner.startOnThread(runner);
        try {
            Path first = preparer.take(TimeUnit.SECONDS.toNanos(10), false);
            assertEquals(SIZE, Files.size(first));
            assertAllZero(first);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (preparer.readyCount() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(2, preparer.readyCount());
            assertTrue(housekeeping.get() > 0);
            assertEquals(0, preparer.stalls());
        } finally {
            runner.close();
        }
    }

    @Test
    void shouldAdoptReadyFilesAndDeleteHalfPreparedOnesOnStart() throws Exception {
        Files.write(SegmentFileNames.preparedFile(dir, 4), new byte[(int) SIZE]);
        Files.write(SegmentFileNames.preparedFile(dir, 5), new byte[10]);
        Files.write(SegmentFileNames.preparingFile(dir, 6), new byte[10]);
        SegmentPreparer preparer = new SegmentPreparer(dir, SIZE, 1, () -> { });
        assertEquals(1, preparer.readyCount());
        assertFalse(Files.exists(SegmentFileNames.preparedFile(dir, 5)));
        assertFalse(Files.exists(SegmentFileNames.preparingFile(dir, 6)));
        assertEquals(SegmentFileNames.preparedFile(dir, 4), preparer.take(0, true));
    }

    @Test
    void shouldRecycleRetiredFilesByRenameAndDeleteWhenThePoolIsFull() throws Exception {
        SegmentPreparer preparer = new SegmentPreparer(dir, SIZE, 1, () -> { });
        for (int i = 0; i < 4; i++) {
            Path retired = SegmentFileNames.logFile(dir, i * 100L);
            Files.write(retired, new byte[(int) SIZE]);
            preparer.recycle(retired);
            assertFalse(Files.exists(retired));
        }
        assertEquals(3, preparer.readyCount(), "target 1 + 2 extra kept, the rest deleted");
        assertEquals(3, preparer.recycled());
    }

    @Test
    void diskFullWhilePreparingShouldFailTakeAndRecoverWhenSpaceReturns() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean full = new java.util.concurrent.atomic.AtomicBoolean(true);
        SegmentPreparer preparer = new SegmentPreparer(dir, SIZE, 1, () -> { }, (file, size) -> {
            if (full.get()) {
                Files.write(file, new byte[100]);
                throw io.ringlog.io.NativeIoException.of(io.ringlog.io.Errno.ENOSPC, "zero-fill(test)", file, 0, size);
            }
            io.ringlog.io.FileOps.zeroFill(file, 0, size);
        });
        AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, preparer);
        AgentRunner.startOnThread(runner);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            io.ringlog.io.DiskFullException error = null;
            while (error == null && System.nanoTime() < deadline) {
                try {
                    preparer.take(TimeUnit.MILLISECONDS.toNanos(20), true);
                    fail("nothing can be prepared while the disk is full");
                } catch (io.ringlog.io.DiskFullException e) {
                    error = e;
                } catch (java.io.IOException timeout) {
                    // the preparer has not tried yet
                }
            }
            assertNotNull(error);
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count(), "the half-written file was removed");
            }
            full.set(false);
            Path ready = null;
            while (ready == null && System.nanoTime() < deadline) {
                try {
                    ready = preparer.take(TimeUnit.SECONDS.toNanos(1), true);
                } catch (io.ringlog.io.DiskFullException stillFull) {
                    Thread.sleep(10); // fails fast until the preparer's next retry (every 100 ms) succeeds
                }
            }
            assertNotNull(ready);
            assertEquals(SIZE, Files.size(ready));
        } finally {
            runner.close();
        }
    }

    @Test
    void takeShouldTimeOutWhenNothingIsPrepared() throws Exception {
        SegmentPreparer preparer = new SegmentPreparer(dir, SIZE, 1, () -> { });
        assertThrows(java.io.IOException.class, () -> preparer.take(TimeUnit.MILLISECONDS.toNanos(5), true));
        assertEquals(1, preparer.stalls());
    }

    private static void assertAllZero(Path file) throws Exception {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer b = ByteBuffer.allocate((int) ch.size());
            ch.read(b, 0);
            for (int i = 0; i < b.capacity(); i++) {
                assertEquals(0, b.get(i), "byte " + i);
            }
        }
    }
}
