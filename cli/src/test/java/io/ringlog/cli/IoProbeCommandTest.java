package io.ringlog.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class IoProbeCommandTest {
    @TempDir
    Path dir;

    @Test
    void ioProbeShouldPrintTheProbeTheCalibrationTableAndTheChoice() {
        String out = run("io-probe", "--dir", dir.toString());
        for (String label : new String[] {"kernel", "file system", "device", "fua", "write_cache", "O_DIRECT",
            "io_uring", "p50 us", "p99 us", "ops/s", "filechannel_force", "choice: "}) {
            assertTrue(out.contains(label), "missing '" + label + "' in:\n" + out);
        }
        assertFalse(Files.exists(dir.resolve(".ringlog-io-choice")), "io-probe must not write the cached choice");
    }

    @Test
    void ioProbeJsonOnTmpfsShouldShowDirectIoUnavailableAndChooseFileChannelForce() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm), "no /dev/shm on this machine");
        Path d = Files.createTempDirectory(shm, "ringlog-cli-test-");
        try {
            String json = run("io-probe", "--dir", d.toString(), "--json").trim();
            assertTrue(json.startsWith("{") && json.endsWith("}"), json);
            assertTrue(json.contains("\"filesystem\":\"tmpfs\""), json);
            assertTrue(json.contains("\"direct_io\":{\"available\":false,\"cause\":\"tmpfs"), json);
            assertTrue(json.contains("{\"backend\":\"pwrite_dsync\",\"available\":false,\"cause\":\"tmpfs"), json);
            assertTrue(json.contains("\"chosen\":\"filechannel_force\""), json);
        } finally {
            try (Stream<Path> s = Files.walk(d)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String run(String... args) {
        String resourcesBefore = io.ringlog.io.OpenResources.summary();
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run(args));
        } finally {
            System.setOut(old);
        }
        assertEquals(resourcesBefore, io.ringlog.io.OpenResources.summary(), "io-probe leaked native resources");
        return out.toString(StandardCharsets.UTF_8);
    }
}
