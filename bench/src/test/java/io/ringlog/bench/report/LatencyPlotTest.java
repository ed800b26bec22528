package io.ringlog.bench.report;

import io.ringlog.bench.RoundSample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyPlotTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void xAxisLabelsShouldBePercentilesOfTheNumberOfNines() {
        assertEquals("0%", LatencyPlot.percentileLabel(0));
        assertEquals("90%", LatencyPlot.percentileLabel(1));
        assertEquals("99%", LatencyPlot.percentileLabel(2));
        assertEquals("99.9%", LatencyPlot.percentileLabel(3));
    }

    @Test
    void shouldWritePngAndSvgWithOneSeriesPerBackendAndFio() throws IOException {
        BenchReport report = report();

        LatencyPlot.write(report, "test", dir.resolve("p.png"));
        LatencyPlot.write(report, "test", dir.resolve("p.svg"));

        byte[] png = Files.readAllBytes(dir.resolve("p.png"));
        assertEquals('P', png[1]);
        assertEquals('N', png[2]);
        String svg = Files.readString(dir.resolve("p.svg"), StandardCharsets.UTF_8);
        assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
        assertEquals(3, LatencyPlot.chart(report, "test").getSeriesMap().size());
    }

    @Test
    void percentilesBeyondTheOpCountShouldNotBeDrawn() {
        // 1000 ops resolve up to 99.9 % (1/(1-0.999) = 1000), not 99.99 %.
        var series = LatencyPlot.chart(report(), "test").getSeriesMap().get("pwrite_dsync");

        assertEquals(7, series.getXData().length);
    }

    private static BenchReport report() {
        return new BenchReport(new MachineFacts("6.18", "ext4", "vda", 0, "write back"), "25",
            List.of(result("pwrite_dsync"), result("io_uring")), Optional.of(result("fio")), List.of(), 1, 0, 4096);
    }

    private static BenchResult result(String backend) {
        TreeMap<Double, Double> latency = new TreeMap<>();
        double v = 70;
        for (double p : RoundSample.PERCENTILES) {
            latency.put(p, v);
            v *= 1.3;
        }
        return new BenchResult("raw", backend, 4096, 1, "", List.of(new RoundSample(1000, latency, v, 1e4, 41, 20)));
    }
}
