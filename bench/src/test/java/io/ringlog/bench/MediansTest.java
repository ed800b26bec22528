package io.ringlog.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediansTest {

    @Test
    void medianOfOddCountShouldBeTheMiddleValue() {
        assertEquals(3.0, Medians.median(5, 1, 3));
    }

    @Test
    void medianOfEvenCountShouldBeTheMeanOfTheTwoMiddleValues() {
        assertEquals(2.5, Medians.median(4, 1, 2, 3));
    }

    @Test
    void medianShouldIgnoreNaNAndBeNaNWhenEmpty() {
        assertEquals(2.0, Medians.median(Double.NaN, 2));
        assertTrue(Double.isNaN(Medians.median()));
    }

    @Test
    void summaryShouldTakeTheMedianFigureByFigure() {
        RoundSample a = sample(100, 900, 10_000, 1.0);
        RoundSample b = sample(300, 200, 30_000, 3.0);
        RoundSample c = sample(200, 500, 20_000, 9.0);

        RoundSample m = Medians.of(List.of(a, b, c));

        assertEquals(200, m.p50Us());
        assertEquals(500, m.p99Us());
        assertEquals(20_000, m.opsPerS());
        assertEquals(3.0, m.cpuUsPerOp());
    }

    @Test
    void summaryShouldDropPercentilesMissingFromAnyRound() {
        RoundSample full = sample(100, 200, 1000, 1);
        RoundSample partial = new RoundSample(10, new TreeMap<>(Map.of(50.0, 110.0)), 300, 1000, 4, 1);

        RoundSample m = Medians.of(List.of(full, partial));

        assertEquals(105.0, m.p50Us());
        assertTrue(Double.isNaN(m.p99Us()));
    }

    static RoundSample sample(double p50, double p99, double opsPerS, double cpu) {
        return new RoundSample(1000, new TreeMap<>(Map.of(50.0, p50, 99.0, p99, 99.9, p99 * 2)), p99 * 3, opsPerS,
            opsPerS * 4096 / 1e6, cpu);
    }
}
