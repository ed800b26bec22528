package io.ringlog.io.uring;

import io.ringlog.io.DurableFile;
import io.ringlog.io.Errno;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.MisalignedBufferException;
import io.ringlog.io.NativeIoException;
import io.ringlog.io.nativeio.Libc;
import io.ringlog.io.nativeio.LinuxFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IoUringErrorsTest extends UringTestSupport {
    private static final IoBackendConfig SMALL = IoBackendConfig.DEFAULT.withRegisteredBytes(64 * 1024);

    @TempDir
    Path dir;

    @Test
    void shouldRejectMisalignedOffsetLengthAndAddressBeforeTheSyscall() throws Exception {
        try (IoUring ring = IoUring.create(8, false); Arena arena = Arena.ofConfined()) {
            // fd -1: had any of these reached the kernel, the answer would be EBADF, not a misalignment.
            RingFd nowhere = ring.plainFile(-1, "nowhere");
            MemorySegment block = arena.allocate(8192, 4096);
            assertMessage(assertThrows(MisalignedBufferException.class, () -> ring.writeDurable(nowhere, block, 512)),
                "file offset 512");
            assertMessage(assertThrows(MisalignedBufferException.class,
                () -> ring.writeDurable(nowhere, block.asSlice(0, 1000), 0)), "length 1000");
            assertMessage(assertThrows(MisalignedBufferException.class,
                () -> ring.read(nowhere, block.asSlice(512, 4096), 0)), "address");
            assertThrows(MisalignedBufferException.class,
                () -> ring.write(nowhere, MemorySegment.ofArray(new byte[4096]), 0));
        }
    }

    @Test
    void shouldRejectMisalignedWritesThroughTheBackendFile() throws Exception {
        try (IoUringBackend backend = IoUringBackend.create(SMALL);
             DurableFile f = backend.open(dir.resolve("misaligned.log"), true)) {
            MemorySegment block = backend.allocate(8192);
            assertThrows(MisalignedBufferException.class, () -> f.writeDurable(block, 100));
            assertThrows(MisalignedBufferException.class, () -> f.writeDurable(block.asSlice(0, 4000), 0));
            assertEquals(0, f.size(), "nothing may have been written");
        }
    }

    @Test
    void shouldMapCqeErrorOfWriteOnReadOnlyFdToTypedException() throws Exception {
        Path file = dir.resolve("readonly.log");
        Files.write(file, new byte[4096]);
        int fd = Libc.openOrThrow(file.toString(), LinuxFlags.O_RDONLY | LinuxFlags.oDirect() | LinuxFlags.O_CLOEXEC, 0);
        try (IoUringBackend backend = IoUringBackend.create(SMALL)) {
            IoUring ring = backend.ring();
            RingFd ro = ring.plainFile(fd, file.toString());
            MemorySegment block = backend.allocate(4096);
            NativeIoException e = assertThrows(NativeIoException.class, () -> ring.writeDurable(ro, block, 4096));
            assertEquals(Errno.EBADF, e.errno());
            assertEquals("io_uring WRITE_FIXED", e.call());
            assertEquals(file.toString(), e.path());
            assertEquals(4096, e.offset());
            assertEquals(4096, e.length());
            assertMessage(e, "EBADF");
            assertEquals(4096, ring.read(ro, block, 0), "the ring stays usable after a failed SQE");
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    void shouldMapCqeErrorOfReadOnDirectoryToTypedException() throws Exception {
        int fd = Libc.openOrThrow(dir.toString(), LinuxFlags.O_RDONLY | LinuxFlags.oDirectory() | LinuxFlags.O_CLOEXEC, 0);
        try (IoUring ring = IoUring.create(8, true); Arena arena = Arena.ofConfined()) {
            RingFd d = ring.registerFile(fd, dir.toString());
            NativeIoException e = assertThrows(NativeIoException.class,
                () -> ring.read(d, arena.allocate(4096, 4096), 0));
            assertEquals(Errno.EISDIR, e.errno());
            assertEquals("io_uring READ", e.call());
            ring.unregisterFile(d);
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    void shouldReportSetupFailureOfAnInvalidRingSizeBeforeTheSyscall() {
        assertThrows(IllegalArgumentException.class, () -> IoUring.create(3, false));
    }

    private static void assertMessage(Exception e, String part) {
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
