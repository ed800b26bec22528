package io.ringlog.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Helpers shared by the log-io tests. Thread-safety: stateless. */
final class TestFiles {
    static final Path SHM = Path.of("/dev/shm");

    private TestFiles() {
    }

    /** Fills {@code segment} with a pattern derived from {@code seed} (byte i = seed + i * 31). */
    static void fillPattern(MemorySegment segment, int seed) {
        for (long i = 0; i < segment.byteSize(); i++) {
            segment.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) (seed + i * 31));
        }
    }

    /** A fresh directory on tmpfs (/dev/shm); the caller checks {@link #SHM} exists first. */
    static Path shmDirectory() throws IOException {
        return Files.createTempDirectory(SHM, "ringlog-test-");
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
