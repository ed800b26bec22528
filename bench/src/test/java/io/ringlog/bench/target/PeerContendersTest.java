package io.ringlog.bench.target;

import io.ringlog.io.FileOps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerContendersTest {
    @TempDir
    Path dir;

    @Test
    void chronicleShouldWriteThePatternAndUnmapAtTheEndOfTheRound() throws IOException {
        Path file = dir.resolve("c.dat");
        FileOps.zeroFill(file, 0, 16 * 4096);
        try (ChronicleMsyncContender c = ChronicleMsyncContender.open(file, 4096)) {
            c.beginRound();
            c.writeOnce();
            c.writeOnce();
            assertTrue(mapped(file), "mapped during the round");
            c.endRound();

            assertFalse(mapped(file), "a mapping outliving the round would slow the next backend's O_DIRECT writes");
        }
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(LogIoContender.PATTERN, bytes[2 * 4096 - 1]);
        assertEquals(0, bytes[2 * 4096]);
        assertEquals(16 * 4096, bytes.length);
    }

    @Test
    void appendForceShouldGrowANewFileEveryRound() throws IOException {
        Path file = dir.resolve("a.dat");
        try (AppendForceContender c = new AppendForceContender(file, 4096)) {
            for (int round = 0; round < 2; round++) {
                c.beginRound();
                c.writeOnce();
                c.writeOnce();
                c.writeOnce();
                c.endRound();
                assertEquals(3 * 4096, Files.size(file));
            }
        }
        assertFalse(Files.exists(file));
    }

    private static boolean mapped(Path file) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(l -> l.endsWith(file.toString()));
    }
}
