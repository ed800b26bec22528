package io.ringlog.io;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Misaligned writes must be rejected by {@link Alignment#check} before the syscall: the kernel would
 * answer EINVAL ({@link InvalidIoArgumentException}) without saying which value was wrong, so getting a
 * {@link MisalignedBufferException} naming the value, and an untouched file, proves no syscall ran.
 */
@ExtendWith(LeakCheck.class)
class AlignmentRejectionTest {
    @TempDir
    Path dir;
    private IoBackend backend;
    private DurableFile file;

    @BeforeEach
    void requireDirectIo() throws Exception {
        StorageInfo s = IoCapabilities.of(dir).storage();
        assumeTrue(s.directIo(), () -> "needs O_DIRECT in " + dir + ": " + s.directIoCause());
    }

    void open(BackendKind kind) throws Exception {
        backend = IoBackends.create(kind, IoBackendConfig.DEFAULT);
        file = backend.open(dir.resolve("aligned.log"), true);
    }

    @AfterEach
    void close() throws Exception {
        if (file != null) {
            file.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"PWRITE_DSYNC", "FILECHANNEL_DSYNC_DIRECT", "FILECHANNEL_FORCE"})
    void misalignedOffsetShouldBeRejectedWithTheOffsetInTheMessage(BackendKind kind) throws Exception {
        open(kind);
        MemorySegment block = backend.allocate(Alignment.BLOCK);
        var e = assertThrows(MisalignedBufferException.class, () -> file.writeDurable(block, 512));
        assertTrue(e.getMessage().contains("file offset 512"), e.getMessage());
        assertEquals(0, file.size(), "nothing may reach the file");
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"PWRITE_DSYNC", "FILECHANNEL_DSYNC_DIRECT", "FILECHANNEL_FORCE"})
    void misalignedLengthShouldBeRejectedWithTheLengthInTheMessage(BackendKind kind) throws Exception {
        open(kind);
        MemorySegment block = backend.allocate(Alignment.BLOCK).asSlice(0, 1000);
        var e = assertThrows(MisalignedBufferException.class, () -> file.write(block, 0));
        assertTrue(e.getMessage().contains("length 1000"), e.getMessage());
        assertEquals(0, file.size(), "nothing may reach the file");
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"PWRITE_DSYNC", "FILECHANNEL_DSYNC_DIRECT", "FILECHANNEL_FORCE"})
    void misalignedAddressShouldBeRejectedWithTheAddressInTheMessage(BackendKind kind) throws Exception {
        open(kind);
        MemorySegment shifted = backend.allocate(2L * Alignment.BLOCK).asSlice(8, Alignment.BLOCK);
        var e = assertThrows(MisalignedBufferException.class, () -> file.writeDurable(shifted, 0));
        assertTrue(e.getMessage().contains(Long.toHexString(shifted.address())), e.getMessage());
        assertEquals(0, file.size(), "nothing may reach the file");
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"PWRITE_DSYNC", "FILECHANNEL_DSYNC_DIRECT"})
    void heapBufferShouldBeRejectedForDirectReads(BackendKind kind) throws Exception {
        open(kind);
        MemorySegment heap = MemorySegment.ofArray(new byte[Alignment.BLOCK]);
        var e = assertThrows(MisalignedBufferException.class, () -> file.read(heap, 0));
        assertTrue(e.getMessage().contains("heap"), e.getMessage());
    }
}
