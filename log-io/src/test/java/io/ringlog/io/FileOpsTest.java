package io.ringlog.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FileOpsTest {
    @TempDir
    Path dir;

    @Test
    void zeroFillShouldWriteZerosToTheExactSize() throws Exception {
        Path f = dir.resolve("seg");
        byte[] head = {1, 2, 3, 4};
        Files.write(f, head);
        FileOps.zeroFill(f, 4096, 3 * 1024 * 1024 + 4096);
        assertEquals(3 * 1024 * 1024 + 4096, Files.size(f));
        byte[] all = Files.readAllBytes(f);
        assertArrayEquals(head, java.util.Arrays.copyOf(all, 4));
        for (int i = 4; i < all.length; i++) {
            if (all[i] != 0) {
                throw new AssertionError("byte " + i + " is " + all[i]);
            }
        }
    }

    @Test
    void zeroFillShouldTruncateALongerFile() throws Exception {
        Path f = dir.resolve("long");
        Files.write(f, new byte[10000]);
        FileOps.zeroFill(f, 0, 4096);
        assertEquals(4096, Files.size(f));
    }

    @Test
    void zeroFillShouldRejectAnInvertedRange() {
        assertThrows(IllegalArgumentException.class, () -> FileOps.zeroFill(dir.resolve("x"), 10, 5));
    }

    @Test
    void realFileSystemOpsShouldZeroFillWriteRenameAndDelete() throws Exception {
        FileSystemOps fs = FileSystemOps.real();
        for (boolean direct : new boolean[] {false, true}) {
            Path f = dir.resolve("prepared-" + direct + ".tmp");
            fs.zeroFill(f, 2 * 1024 * 1024 + 8192, direct);
            assertArrayEquals(new byte[2 * 1024 * 1024 + 8192], Files.readAllBytes(f), "direct=" + direct);
        }
        Path small = dir.resolve("small");
        Files.write(small, new byte[100]);
        fs.writeDurably(small, java.nio.ByteBuffer.wrap(new byte[] {5, 6}));
        assertArrayEquals(new byte[] {5, 6}, Files.readAllBytes(small), "content replaced, file truncated");
        fs.move(small, dir.resolve("prepared-false.tmp"));
        assertArrayEquals(new byte[] {5, 6}, Files.readAllBytes(dir.resolve("prepared-false.tmp")), "rename replaces");
        assertEquals(true, fs.deleteIfExists(dir.resolve("prepared-false.tmp")));
        assertEquals(false, fs.deleteIfExists(dir.resolve("prepared-false.tmp")));
        fs.fsyncDirectory(dir);
    }

    @Test
    void directoryFsyncShouldWorkAndMissingDirectoryShouldFailTyped() {
        assertDoesNotThrow(() -> FileOps.fsyncDirectory(dir));
        NativeIoException e = assertThrows(NativeIoException.class, () -> FileOps.fsyncDirectory(dir.resolve("missing")));
        assertEquals("fsync(directory)", e.call());
    }
}
