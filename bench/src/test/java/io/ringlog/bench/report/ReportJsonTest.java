package io.ringlog.bench.report;

import io.ringlog.bench.RoundSample;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReportJsonTest {
    private static final MachineFacts MACHINE = new MachineFacts("6.18.0", "ext4", "vda", 0, "write back");

    @Test
    void shouldWriteExactlyTheDocumentedNames() {
        BenchReport report = report(Optional.of(result("fio", 70)));

        Map<?, ?> root = (Map<?, ?>) Json.parse(ReportJson.toJson(report));

        assertEquals(List.of("kernel", "filesystem", "device", "jdk", "results", "fio"), List.copyOf(root.keySet()));
        assertEquals(List.of("name", "fua", "write_cache"), List.copyOf(((Map<?, ?>) root.get("device")).keySet()));
        Map<?, ?> r = (Map<?, ?>) ((List<?>) root.get("results")).getFirst();
        assertEquals(List.of("target", "backend", "size", "threads", "ops", "p50_us", "p99_us", "p999_us", "max_us",
            "ops_per_s", "mb_per_s", "cpu_us_per_op"), List.copyOf(r.keySet()));
        assertEquals(List.of("p50_us", "p99_us", "ops_per_s", "cpu_us_per_op"),
            List.copyOf(((Map<?, ?>) root.get("fio")).keySet()));
    }

    @Test
    void shouldWriteMediansOfRoundsAsNumbers() {
        Map<?, ?> root = (Map<?, ?>) Json.parse(ReportJson.toJson(report(Optional.empty())));

        Map<?, ?> r = (Map<?, ?>) ((List<?>) root.get("results")).getFirst();
        assertEquals("raw", r.get("target"));
        assertEquals("pwrite_dsync", r.get("backend"));
        assertEquals(4096.0, r.get("size"));
        assertEquals(80.0, r.get("p50_us"));
        assertEquals(0.0, ((Map<?, ?>) root.get("device")).get("fua"));
        assertEquals("write back", ((Map<?, ?>) root.get("device")).get("write_cache"));
        assertFalse(root.containsKey("fio"));
    }

    @Test
    void unknownDeviceFactsShouldBeNull() {
        BenchReport report = new BenchReport(new MachineFacts("6.18.0", "tmpfs", "tmpfs", null, null), "25",
            List.of(result("filechannel_force", 5)), Optional.empty(), List.of(), 1, 0, 4096);

        Map<?, ?> device = (Map<?, ?>) ((Map<?, ?>) Json.parse(ReportJson.toJson(report))).get("device");

        assertNull(device.get("fua"));
        assertNull(device.get("write_cache"));
    }

    @Test
    void jsonShouldRoundTripEscapes() {
        Object parsed = Json.parse(Json.write(Map.of("k", "a\"b\\c\n\u0001")));

        assertEquals(Map.of("k", "a\"b\\c\n\u0001"), parsed);
    }

    private static BenchReport report(Optional<BenchResult> fio) {
        return new BenchReport(MACHINE, "25.0.1", List.of(result("pwrite_dsync", 70)), fio, List.of(), 3, 100, 4096);
    }

    /** Three rounds with p50 = base, base + 10, base + 20: the median is base + 10. */
    private static BenchResult result(String backend, double base) {
        List<RoundSample> rounds = List.of(sample(base + 20), sample(base), sample(base + 10));
        return new BenchResult("raw", backend, 4096, 1, "", rounds);
    }

    private static RoundSample sample(double p50) {
        return new RoundSample(1000, new TreeMap<>(Map.of(50.0, p50, 99.0, p50 * 2, 99.9, p50 * 3)), p50 * 4, 1e6 / p50,
            1e6 / p50 * 4096 / 1e6, 20);
    }
}
