package io.ringlog.io;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@ExtendWith(LeakCheck.class)
class BackendRoundTripTest {
    private static final int BLOCKS = 4;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"PWRITE_DSYNC", "FILECHANNEL_DSYNC_DIRECT", "FILECHANNEL_FORCE"})
    void bytesWrittenDurablyShouldReadBackAfterReopen(BackendKind kind) throws Exception {
        assumeDirectIo(kind);
        Path file = dir.resolve("segment.log");
        try (IoBackend backend = IoBackends.create(kind, IoBackendConfig.DEFAULT)) {
            MemorySegment out = backend.allocate((long) BLOCKS * Alignment.BLOCK);
            TestFiles.fillPattern(out, 7);
            try (DurableFile f = backend.open(file, true)) {
                assertEquals(kind, f.kind());
                f.writeDurable(out.asSlice(0, 2 * Alignment.BLOCK), 0);
                f.write(out.asSlice(2 * Alignment.BLOCK, 2 * Alignment.BLOCK), 2 * Alignment.BLOCK);
                f.flush();
                assertEquals((long) BLOCKS * Alignment.BLOCK, f.size());
            }
            MemorySegment in = backend.allocate((long) BLOCKS * Alignment.BLOCK);
            try (DurableFile f = backend.open(file, false)) {
                assertEquals(BLOCKS * Alignment.BLOCK, f.read(in, 0));
            }
            assertEquals(-1, out.mismatch(in), "bytes read back differ from bytes written");
        }
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"PWRITE_DSYNC", "FILECHANNEL_DSYNC_DIRECT", "FILECHANNEL_FORCE"})
    void readShouldStopShortAtEndOfFile(BackendKind kind) throws Exception {
        assumeDirectIo(kind);
        try (IoBackend backend = IoBackends.create(kind, IoBackendConfig.DEFAULT);
             DurableFile f = backend.open(dir.resolve("short.log"), true)) {
            f.writeDurable(backend.allocate(Alignment.BLOCK), 0);
            assertEquals(Alignment.BLOCK, f.read(backend.allocate(2L * Alignment.BLOCK), 0));
        }
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"PWRITE_DSYNC", "FILECHANNEL_DSYNC_DIRECT", "FILECHANNEL_FORCE"})
    void closingTwiceShouldBeSafe(BackendKind kind) throws Exception {
        assumeDirectIo(kind);
        IoBackend backend = IoBackends.create(kind, IoBackendConfig.DEFAULT);
        DurableFile f = backend.open(dir.resolve("twice.log"), true);
        f.close();
        f.close();
        backend.close();
        backend.close();
    }

    @ParameterizedTest
    @EnumSource(value = BackendKind.class, names = {"PWRITE_DSYNC", "FILECHANNEL_DSYNC_DIRECT", "FILECHANNEL_FORCE"})
    void openingAMissingFileWithoutCreateShouldNameThePath(BackendKind kind) throws Exception {
        assumeDirectIo(kind);
        try (IoBackend backend = IoBackends.create(kind, IoBackendConfig.DEFAULT)) {
            Path missing = dir.resolve("missing.log");
            NativeIoException e = assertThrows(NativeIoException.class, () -> backend.open(missing, false));
            assertNotNull(e.path());
            assertEquals(missing.toString(), e.path());
        }
    }

    private void assumeDirectIo(BackendKind kind) throws Exception {
        StorageInfo s = IoCapabilities.of(dir).storage();
        assumeTrue(!kind.needsDirectIo() || s.directIo(), () -> "no O_DIRECT in " + dir + ": " + s.directIoCause());
    }
}
