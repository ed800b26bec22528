package io.ringlog.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    @Test
    void versionShouldPrintRinglogAndJdkVersions() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run("version"));
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.matches("(?s)ringlog \\d+\\.\\d+\\.\\d+.*"), text);
        assertTrue(text.contains("java " + Runtime.version().feature()), text);
    }

    @Test
    void unknownSubcommandShouldFail() {
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertTrue(Main.run("no-such-command") != 0);
        } finally {
            System.setErr(oldErr);
        }
    }
}
