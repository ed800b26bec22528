package io.ringlog.bench;

import io.ringlog.bench.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void tinyRealRunShouldProduceSaneResultsAndAllFiles() throws IOException {
        Path json = dir.resolve("out/result.json");
        int code = runCli("--dir", dir.resolve("data").toString(), "--target", "raw",
            "--backend", "filechannel_dsync_direct,filechannel_force", "--size", "4096", "--threads", "1",
            "--ops", "200", "--warmup", "20", "--rounds", "2", "--json", json.toString(),
            "--csv", dir.resolve("out/result.csv").toString(), "--plot", dir.resolve("out/plot.png").toString());

        assertEquals(0, code, text(err));
        List<?> results = (List<?>) ((Map<?, ?>) Json.parse(Files.readString(json))).get("results");
        assertFalse(results.isEmpty(), text(out));
        for (Object o : results) {
            Map<?, ?> r = (Map<?, ?>) o;
            assertEquals(200.0, r.get("ops"));
            double p50 = num(r, "p50_us");
            assertTrue(p50 > 0 && p50 <= num(r, "p99_us") && num(r, "p99_us") <= num(r, "max_us"), r.toString());
            assertTrue(num(r, "ops_per_s") > 0 && num(r, "cpu_us_per_op") > 0, r.toString());
            assertEquals(num(r, "ops_per_s") * 4096 / 1e6, num(r, "mb_per_s"), 0.01);
        }
        assertTrue(Files.readString(dir.resolve("out/result.csv")).startsWith("target,backend,size"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'},
            java.util.Arrays.copyOf(Files.readAllBytes(dir.resolve("out/plot.png")), 4));
        assertTrue(text(out).contains("filechannel_force"), text(out));
        try (Stream<Path> left = Files.list(dir.resolve("data"))) {
            assertEquals(List.of(), left.toList(), "the bench must remove its data files");
        }
    }

    @Test
    void peersAndFioShouldRunInTheSameSchedule() throws IOException {
        boolean fio = io.ringlog.bench.fio.FioJob.locate().isPresent();
        Path json = dir.resolve("peers.json");
        int code = runCli("--dir", dir.resolve("data").toString(), "--backend", "append_force,chronicle_msync",
            "--ops", "100", "--warmup", "10", "--rounds", "1", "--json", json.toString(), fio ? "--fio" : "--rounds=1");

        assertEquals(0, code, text(err));
        Map<?, ?> root = (Map<?, ?>) Json.parse(Files.readString(json));
        assertEquals(2, ((List<?>) root.get("results")).size(), text(out));
        assertEquals(fio, root.containsKey("fio"), text(out));
        if (!fio) {
            assertTrue(text(out).contains("fio not installed"), text(out));
        }
    }

    @Test
    void unavailableBackendShouldBeReportedWithoutFailingTheRun() throws IOException {
        Path json = dir.resolve("r.json");
        BenchCommand cmd = new BenchCommand();
        cmd.json = json;
        FakeTarget target = new FakeTarget(Set.of("io_uring"), "");

        int code = cmd.execute(settings(List.of("io_uring", "filechannel_force")), target, print(out), print(err));

        assertEquals(0, code, text(err));
        assertTrue(text(out).contains("unavailable: io_uring: IOException: io_uring cannot run in this test"), text(out));
        List<?> results = (List<?>) ((Map<?, ?>) Json.parse(Files.readString(json))).get("results");
        assertEquals(1, results.size());
        assertTrue(target.closed);
    }

    @Test
    void failedRunShouldWriteNoResultFile() throws IOException {
        Path json = dir.resolve("r.json");
        BenchCommand cmd = new BenchCommand();
        cmd.json = json;
        cmd.plot = dir.resolve("r.png");
        FakeTarget target = new FakeTarget(Set.of(), "append_force");

        int code = cmd.execute(settings(List.of("filechannel_force", "append_force")), target, print(out), print(err));

        assertEquals(1, code);
        assertTrue(text(err).contains("simulated EIO on write 50") && text(err).contains("no results written"), text(err));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no result and no temporary file may be left");
        }
        assertTrue(target.closed);
    }

    @Test
    void unknownBackendShouldBeAUsageError() {
        int code = runCli("--dir", dir.toString(), "--backend", "io_urin");

        assertEquals(2, code);
        assertTrue(text(err).contains("unknown backend 'io_urin'"), text(err));
    }

    @Test
    void thinkTimeShouldBeReportedInTheTableAndTheJson() throws IOException {
        Path json = dir.resolve("think.json");
        int code = runCli("--dir", dir.resolve("data").toString(), "--backend", "filechannel_force", "--ops", "20",
            "--warmup", "2", "--rounds", "1", "--think-us", "1000", "--json", json.toString());

        assertEquals(0, code, text(err));
        Map<?, ?> root = (Map<?, ?>) Json.parse(Files.readString(json));
        assertEquals(1000.0, root.get("think_us"));
        Map<?, ?> r = (Map<?, ?>) ((List<?>) root.get("results")).getFirst();
        assertTrue(num(r, "ops_per_s") <= 1000.0, "20 writes each followed by 1 ms: " + r);
        assertTrue(text(out).contains("QD1 with 1000 us think time after each write"), text(out));
    }

    @Test
    void badThinkTimesShouldBeUsageErrors() {
        assertEquals(2, runCli("--dir", dir.toString(), "--think-us=-1"));
        assertTrue(text(err).contains("--think-us must be in [0, 1000000], got -1"), text(err));
        assertEquals(2, runCli("--dir", dir.toString(), "--target", "broker", "--batched", "--think-us", "100"));
        assertTrue(text(err).contains("--think-us applies to one write in flight"), text(err));
    }

    private BenchSettings settings(List<String> backends) {
        return new BenchSettings(dir, "raw", backends, 4096, 1, 100, 10, 2, false);
    }

    private int runCli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(print(out));
        System.setErr(print(err));
        try {
            return new CommandLine(new BenchCommand()).execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static double num(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
