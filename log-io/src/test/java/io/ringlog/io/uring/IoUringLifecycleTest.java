package io.ringlog.io.uring;

import io.ringlog.io.DurableFile;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.OpenResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IoUringLifecycleTest extends UringTestSupport {
    @TempDir
    Path dir;

    @Test
    void closingARingTwiceIsSafeAndLaterUseFailsClearly() throws Exception {
        long rings = OpenResources.open(OpenResources.Kind.RING);
        IoUring ring = IoUring.create(8, false);
        assertEquals(rings + 1, OpenResources.open(OpenResources.Kind.RING));
        ring.nop();
        ring.close();
        ring.close();
        assertEquals(rings, OpenResources.open(OpenResources.Kind.RING));
        IllegalStateException e = assertThrows(IllegalStateException.class, ring::nop);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void closingBackendAndFilesTwiceIsSafe() throws Exception {
        IoUringBackend backend = IoUringBackend.create(IoBackendConfig.DEFAULT.withRegisteredBytes(64 * 1024));
        DurableFile f = backend.open(dir.resolve("twice.log"), true);
        MemorySegment block = backend.allocate(4096);
        f.writeDurable(block, 0);
        f.close();
        f.close();
        assertThrows(IllegalStateException.class, () -> f.writeDurable(block, 0));
        backend.close();
        backend.close();
        assertThrows(IllegalStateException.class, () -> backend.allocate(4096));
    }

    @Test
    void closingAFileAfterItsBackendStillReleasesTheFd() throws Exception {
        IoUringBackend backend = IoUringBackend.create(IoBackendConfig.DEFAULT.withRegisteredBytes(0));
        DurableFile f = backend.open(dir.resolve("late.log"), true);
        backend.close();
        f.close(); // the leak check in the base class verifies the fd count
    }

    @Test
    void shouldReuseFileSlotsAfterClose() throws Exception {
        try (IoUringBackend backend = IoUringBackend.create(IoBackendConfig.DEFAULT.withRegisteredBytes(0))) {
            for (int i = 0; i < RingRegistry.FILE_SLOTS + 8; i++) {
                try (DurableFile f = backend.open(dir.resolve("slot-" + i + ".log"), true)) {
                    assertTrue(((IoUringFile) f).isFixedFile(), "file " + i + " should get a registered slot");
                }
            }
        }
    }

    @Test
    void shouldFallBackToPlainFdWhenTheFileTableIsFull() throws Exception {
        try (IoUringBackend backend = IoUringBackend.create(IoBackendConfig.DEFAULT.withRegisteredBytes(0))) {
            DurableFile[] files = new DurableFile[RingRegistry.FILE_SLOTS + 1];
            try {
                for (int i = 0; i < files.length; i++) {
                    files[i] = backend.open(dir.resolve("full-" + i + ".log"), true);
                }
                IoUringFile last = (IoUringFile) files[files.length - 1];
                assertTrue(!last.isFixedFile(), "the table has " + RingRegistry.FILE_SLOTS + " slots");
                MemorySegment block = backend.allocate(4096);
                fill(block, 3);
                last.writeDurable(block, 0);
                MemorySegment back = backend.allocate(4096);
                assertEquals(4096, last.read(back, 0));
                assertEquals(-1, back.mismatch(block));
            } finally {
                for (DurableFile f : files) {
                    if (f != null) {
                        f.close();
                    }
                }
            }
        }
    }
}
