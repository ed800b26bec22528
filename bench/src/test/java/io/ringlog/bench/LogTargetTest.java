package io.ringlog.bench;

import io.ringlog.bench.report.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tiny real runs of {@code --target log}: the shape and sanity of the JSON, not the speed. */
class LogTargetTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void logTargetShouldAppendDurablyFromEveryThreadAndReportSaneFigures(int threads) throws IOException {
        Path json = dir.resolve("log.json");
        int code = runCli("--dir", dir.resolve("data").toString(), "--target", "log",
            "--backend", "filechannel_force,filechannel_force@1,raw:filechannel_force,append_force", "--size", "512",
            "--threads", Integer.toString(threads), "--ops", "400", "--warmup", "40", "--rounds", "2",
            "--json", json.toString());

        assertEquals(0, code, text(err) + text(out));
        List<?> results = (List<?>) ((Map<?, ?>) Json.parse(Files.readString(json))).get("results");
        Map<String, Map<?, ?>> byBackend = new HashMap<>();
        for (Object o : results) {
            Map<?, ?> r = (Map<?, ?>) o;
            byBackend.put((String) r.get("backend"), r);
            assertEquals("log", r.get("target"));
            assertEquals(400.0, r.get("ops"), r.toString());
            double p50 = num(r, "p50_us");
            assertTrue(p50 > 0 && p50 <= num(r, "p99_us") && num(r, "p99_us") <= num(r, "max_us"), r.toString());
            assertTrue(num(r, "ops_per_s") > 0 && num(r, "cpu_us_per_op") > 0, r.toString());
        }
        assertEquals(4, byBackend.size(), byBackend.toString());
        assertEquals((double) threads, byBackend.get("filechannel_force").get("threads"));
        assertEquals((double) threads, byBackend.get("append_force").get("threads"));
        assertEquals(1.0, byBackend.get("filechannel_force@1").get("threads"), "@1 overrides --threads");
        assertEquals(1.0, byBackend.get("raw:filechannel_force").get("threads"), "the raw baseline is QD1");
        try (Stream<Path> left = Files.list(dir.resolve("data"))) {
            assertEquals(List.of(), left.toList(), "the bench must remove its logs and files");
        }
    }

    @Test
    void rawBatchBaselineShouldWriteTheBlocksOneAppendWrites() throws IOException {
        Path json = dir.resolve("batch.json");
        int code = runCli("--dir", dir.resolve("data").toString(), "--target", "log",
            "--backend", "filechannel_force,raw:filechannel_force,rawbatch:filechannel_force", "--size", "4096",
            "--threads", "1", "--ops", "100", "--warmup", "10", "--rounds", "1", "--json", json.toString());

        assertEquals(0, code, text(err) + text(out));
        // A 4096 B record is a 4166 B batch: two blocks per append, where raw: writes one.
        assertTrue(text(out).contains("rawbatch:filechannel_force: QD1 baseline, 1 thread, writes of the append's batch "
            + "size rounded up to 4096 B (8192 B)"), text(out));
        List<?> results = (List<?>) ((Map<?, ?>) Json.parse(Files.readString(json))).get("results");
        Map<String, Map<?, ?>> byBackend = new HashMap<>();
        for (Object o : results) {
            byBackend.put((String) ((Map<?, ?>) o).get("backend"), (Map<?, ?>) o);
        }
        assertEquals(3, byBackend.size(), byBackend.toString());
        assertEquals(1.0, byBackend.get("rawbatch:filechannel_force").get("threads"), "the baseline is QD1");
        assertEquals(100.0, byBackend.get("rawbatch:filechannel_force").get("ops"));
    }

    @Test
    void chronicleShouldBeUnavailableOnTheLogTargetWithoutFailingTheRun() {
        int code = runCli("--dir", dir.resolve("data").toString(), "--target", "log",
            "--backend", "chronicle_msync,filechannel_force", "--ops", "50", "--warmup", "5", "--rounds", "1");

        assertEquals(0, code, text(err));
        assertTrue(text(out).contains("unavailable: chronicle_msync"), text(out));
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw:filechannel_force", "rawbatch:filechannel_force"})
    void logTargetBaselinesShouldBeRejectedOnTheRawTarget(String baseline) {
        int code = runCli("--dir", dir.resolve("data").toString(), "--target", "raw",
            "--backend", baseline, "--ops", "50", "--warmup", "5", "--rounds", "1");

        assertTrue(text(out).contains("is for --target log") || text(err).contains("is for --target log"),
            text(out) + text(err));
        assertTrue(code != 0);
    }

    private int runCli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new BenchCommand()).execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static double num(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
