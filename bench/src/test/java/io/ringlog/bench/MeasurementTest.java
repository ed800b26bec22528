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
    void sharesShouldAddUpToTheTotal() {
        assertEquals(List.of(34, 33, 33), List.of(Measurement.share(100, 3, 0), Measurement.share(100, 3, 1),
            Measurement.share(100, 3, 2)));
    }
}
