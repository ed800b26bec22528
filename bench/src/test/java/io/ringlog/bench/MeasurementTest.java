package io.ringlog.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeasurementTest {

    @Test
    void shouldRecordEveryMeasuredOperationButNoWarmUp() throws Exception {
        FakeTarget target = new FakeTarget(Set.of(), "");

        RoundSample s = Measurement.run(target.open("filechannel_force"), new Measurement.Plan(30, 200, 4096));

        assertEquals(200, s.ops());
        assertTrue(s.p50Us() > 0 && s.p50Us() <= s.p99Us() && s.p99Us() <= s.maxUs(), s.toString());
        assertEquals(s.opsPerS() * 4096 / 1e6, s.mbPerS(), 1e-9);
    }

    @Test
    void parallelThreadsShouldSplitTheOpsAndMergeTheirHistograms() throws Exception {
        FakeTarget target = new FakeTarget(Set.of(), "", 3);

        RoundSample s = Measurement.run(target.open("filechannel_force"), new Measurement.Plan(10, 200, 4096));

        assertEquals(200, s.ops());
        assertEquals(3, target.log.size(), "each thread's contender begins the round once");
    }

    @Test
    void aFailingThreadShouldFailTheRound() throws Exception {
        FakeTarget target = new FakeTarget(Set.of(), "append_force", 2);
        List<Contender> contenders = target.open("append_force");

        assertThrows(IOException.class, () -> Measurement.run(contenders, new Measurement.Plan(0, 400, 4096)));
    }

    @Test
    void thinkTimeShouldPauseAfterEveryOperationButStayOutOfTheLatency() throws Exception {
        FakeTarget target = new FakeTarget(Set.of(), "");
        long think = 2_000_000; // 2 ms: far above the fake write's microseconds

        RoundSample s = Measurement.run(target.open("filechannel_force"), new Measurement.Plan(3, 25, 4096, think));

        assertEquals(25, s.ops());
        // 25 measured ops, each followed by at least 2 ms: the wall time is >= 50 ms.
        assertTrue(s.opsPerS() <= 500.0, "ops/s must include the pauses: " + s);
        assertTrue(s.p50Us() < think / 1000.0, "the pause must not be recorded as latency: " + s);
    }

    @Test
    void thinkShouldNeverReturnBeforeItsDeadline() {
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            Measurement.think(300_000);
            assertTrue(System.nanoTime() - start >= 300_000);
        }
    }

    @Test
    void aNegativeThinkTimeShouldBeRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Measurement.Plan(0, 1, 4096, -1));
    }

    @Test
    void sharesShouldAddUpToTheTotal() {
        assertEquals(List.of(34, 33, 33), List.of(Measurement.share(100, 3, 0), Measurement.share(100, 3, 1),
            Measurement.share(100, 3, 2)));
    }
}
