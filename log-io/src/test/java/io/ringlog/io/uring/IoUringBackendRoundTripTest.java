package io.ringlog.io.uring;

import io.ringlog.io.BackendKind;
import io.ringlog.io.DurableFile;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.IoBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IoUringBackendRoundTripTest extends UringTestSupport {
    private static final int BLOCKS = 8;

    @TempDir
    Path dir;

    @Test
    void shouldReadBackDurableWritesFromRegisteredBufferAfterReopen() throws Exception {
        Path file = dir.resolve("registered.log");
        IoBackendConfig config = IoBackendConfig.DEFAULT.withRegisteredBytes(64 * 1024);
        try (IoUringBackend backend = (IoUringBackend) IoBackends.create(BackendKind.IO_URING, config);
             DurableFile f = backend.open(file, true)) {
            assertTrue(backend.hasRegisteredBuffer(), () -> backend.ring().fixedBufferFailure());
            assertTrue(((IoUringFile) f).isFixedFile(), () -> backend.ring().fixedFilesFailure());
            MemorySegment block = backend.allocate(4096);
            for (int i = 0; i < BLOCKS; i++) {
                fill(block, i);
                f.writeDurable(block, i * 4096L);
            }
            assertEquals(BLOCKS * 4096L, f.size());
        }
        assertEquals(BLOCKS * 4096L, Files.size(file));
        assertBlocksReadBack(file, IoBackendConfig.DEFAULT.withRegisteredBytes(64 * 1024));
    }

    @Test
    void shouldReadBackWritesFromUnregisteredMemory() throws Exception {
        Path file = dir.resolve("plain.log");
        try (IoUringBackend backend = IoUringBackend.create(IoBackendConfig.DEFAULT.withRegisteredBytes(0));
             DurableFile f = backend.open(file, true);
             Arena arena = Arena.ofConfined()) {
            assertFalse(backend.hasRegisteredBuffer());
            MemorySegment block = arena.allocate(4096, 4096); // memory the backend never saw
            for (int i = 0; i < BLOCKS; i++) {
                fill(block, i);
                f.write(block, i * 4096L);
            }
            f.flush();
        }
        assertBlocksReadBack(file, IoBackendConfig.DEFAULT.withRegisteredBytes(0));
    }

    @Test
    void shouldFallBackToUnregisteredMemoryWhenTheRegionIsUsedUp() throws Exception {
        Path file = dir.resolve("overflow.log");
        try (IoUringBackend backend = IoUringBackend.create(IoBackendConfig.DEFAULT.withRegisteredBytes(8192));
             DurableFile f = backend.open(file, true)) {
            MemorySegment inRegion = backend.allocate(8192);
            MemorySegment outside = backend.allocate(3 * 4096); // region exhausted: plain aligned memory
            assertEquals(0, outside.address() % 4096);
            fill(inRegion, 1);
            fill(outside, 2);
            f.writeDurable(inRegion, 0);
            f.writeDurable(outside, 8192);
            MemorySegment back = backend.allocate(5 * 4096);
            assertEquals(5 * 4096, f.read(back, 0));
            assertEquals(-1, back.asSlice(0, 8192).mismatch(inRegion));
            assertEquals(-1, back.asSlice(8192).mismatch(outside));
        }
    }

    @Test
    void shouldReturnShortCountOnlyAtEndOfFile() throws Exception {
        try (IoUringBackend backend = IoUringBackend.create(IoBackendConfig.DEFAULT.withRegisteredBytes(64 * 1024));
             DurableFile f = backend.open(dir.resolve("short.log"), true)) {
            MemorySegment block = backend.allocate(4096);
            fill(block, 7);
            f.writeDurable(block, 0);
            MemorySegment big = backend.allocate(4 * 4096);
            assertEquals(4096, f.read(big, 0));
            assertEquals(-1, big.asSlice(0, 4096).mismatch(block));
            assertEquals(0, f.read(block, 8 * 4096));
        }
    }

    private void assertBlocksReadBack(Path file, IoBackendConfig config) throws Exception {
        try (IoUringBackend backend = IoUringBackend.create(config);
             DurableFile f = backend.open(file, false)) {
            MemorySegment expected = backend.allocate(4096);
            MemorySegment actual = backend.allocate(BLOCKS * 4096L);
            assertEquals(BLOCKS * 4096, f.read(actual, 0));
            for (int i = 0; i < BLOCKS; i++) {
                fill(expected, i);
                assertEquals(-1, actual.asSlice(i * 4096L, 4096).mismatch(expected), "block " + i);
            }
        }
    }
}
