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
