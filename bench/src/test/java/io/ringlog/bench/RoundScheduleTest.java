package io.ringlog.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RoundScheduleTest {

    @Test
    void shouldInterleaveItemsRoundByRound() {
        List<RoundSchedule.Slot<String>> slots = RoundSchedule.interleave(List.of("A", "B", "C"), 2);

        assertEquals(List.of("A", "B", "C", "A", "B", "C"), slots.stream().map(RoundSchedule.Slot::item).toList());
        assertEquals(List.of(1, 1, 1, 2, 2, 2), slots.stream().map(RoundSchedule.Slot::round).toList());
    }

    @Test
    void shouldRejectZeroRounds() {
        assertThrows(IllegalArgumentException.class, () -> RoundSchedule.interleave(List.of("A"), 0));
    }

    @Test
    void benchShouldRunBackendsInInterleavedOrder() throws Exception {
        FakeTarget target = new FakeTarget(Set.of(), "");
        BenchSettings settings = new BenchSettings(Path.of("."), "raw",
            List.of("filechannel_force", "append_force", "filechannel_dsync_direct"), 4096, 1, 10, 0, 3, false);

        new BenchRun(settings, target, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();

        assertEquals(List.of("prepare",
            "filechannel_force", "append_force", "filechannel_dsync_direct",
            "filechannel_force", "append_force", "filechannel_dsync_direct",
            "filechannel_force", "append_force", "filechannel_dsync_direct"), target.log);
    }
}
