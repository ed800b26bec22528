package io.ringlog.bench.target;

import io.ringlog.bench.BenchCommand;
import io.ringlog.bench.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker target: backend names, and a tiny real run against in-process brokers (not a timed test). */
class BrokerTargetTest {
    @TempDir
    Path dir;

    @Test
    void shouldParseExternalBackendsWithTopicConfigs() {
        BrokerSpec s = BrokerSpec.parse("kafka_fsync=127.0.0.1:9092?flush.messages=1&segment.bytes=1048576");
        assertEquals("kafka_fsync", s.name());
        assertEquals("127.0.0.1:9092", s.bootstrap());
        assertEquals(Map.of("flush.messages", "1", "segment.bytes", "1048576"), s.topicConfigs());
        assertTrue(BrokerSpec.parse(BrokerSpec.RINGLOG).inProcess());
        assertEquals("raw:auto", BrokerSpec.check("raw:auto"));
    }

    @Test
    void shouldRejectMalformedBackends() {
        for (String bad : List.of("kafka", "=127.0.0.1:9092", "k=127.0.0.1", "k=host:port", "k=h:1?novalue", "raw:nope")) {
            assertThrows(IllegalArgumentException.class, () -> BrokerSpec.check(bad), bad);
        }
    }

    @Test
    void tinyRunShouldMeasureDurableAndInMemoryBrokersInOneSchedule() throws Exception {
        Path json = dir.resolve("out.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(out, err, "--dir", dir.resolve("data").toString(), "--target", "broker",
            "--backend", "ringlog,ringlog_memory", "--size", "512", "--ops", "100", "--warmup", "20", "--rounds", "2",
            "--json", json.toString());
        String errText = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, errText);
        List<?> results = (List<?>) ((Map<?, ?>) Json.parse(Files.readString(json))).get("results");
        assertEquals(2, results.size(), out.toString(StandardCharsets.UTF_8));
        for (Object o : results) {
            Map<?, ?> r = (Map<?, ?>) o;
            assertEquals("broker", r.get("target"));
            assertEquals(100.0, r.get("ops"));
            assertTrue(((Number) r.get("p50_us")).doubleValue() > 0, r.toString());
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("in-process ringlog broker, durable store"));
        try (Stream<Path> left = Files.list(dir.resolve("data"))) {
            assertEquals(List.of(), left.toList(), "the bench must remove its brokers' directories");
        }
    }

    @Test
    void batchedRunShouldReportThroughput() throws Exception {
        Path json = dir.resolve("batched.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(out, err, "--dir", dir.resolve("data").toString(), "--target", "broker", "--batched",
            "--backend", "ringlog_memory", "--size", "512", "--ops", "5000", "--warmup", "500", "--rounds", "1",
            "--json", json.toString());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        Map<?, ?> r = (Map<?, ?>) ((List<?>) ((Map<?, ?>) Json.parse(Files.readString(json))).get("results")).getFirst();
        assertTrue(((Number) r.get("mb_per_s")).doubleValue() > 0, r.toString());
    }

    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
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
}
