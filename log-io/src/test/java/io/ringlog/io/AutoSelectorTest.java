package io.ringlog.io;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@ExtendWith(LeakCheck.class)
class AutoSelectorTest {
    @TempDir
    Path dir;

    @BeforeEach
    void forgetEarlierCalibrationsOfThisProcess() {
        AutoSelector.forgetCalibrations();
    }

    private static AutoSelection.Candidate measured(BackendKind kind, double p50) {
        return new AutoSelection.Candidate(kind, null, 80, p50, p50 * 2, 1e6 / p50);
    }

    @Test
    void tiesWithinFivePercentShouldGoToTheEarlierPathInPreferenceOrder() {
        // filechannel_force 2 % faster than pwrite_dsync: a tie, pwrite_dsync (earlier) wins.
        assertEquals(BackendKind.PWRITE_DSYNC, AutoSelector.lowestMedian(java.util.List.of(
            measured(BackendKind.IO_URING, 219.6), measured(BackendKind.PWRITE_DSYNC, 179.5),
            measured(BackendKind.FILECHANNEL_DSYNC_DIRECT, 183.3), measured(BackendKind.FILECHANNEL_FORCE, 176.9))));
        // 10 % faster is not a tie.
        assertEquals(BackendKind.FILECHANNEL_FORCE, AutoSelector.lowestMedian(java.util.List.of(
            measured(BackendKind.PWRITE_DSYNC, 200), measured(BackendKind.FILECHANNEL_FORCE, 180))));
        // An excluded candidate never wins, whatever its order.
        assertEquals(BackendKind.PWRITE_DSYNC, AutoSelector.lowestMedian(java.util.List.of(
            AutoSelection.Candidate.excluded(BackendKind.IO_URING, "disabled"), measured(BackendKind.PWRITE_DSYNC, 100))));
        assertEquals(null, AutoSelector.lowestMedian(java.util.List.of(
            AutoSelection.Candidate.excluded(BackendKind.IO_URING, "disabled"))));
    }

    @Test
    void autoShouldPickTheMeasuredCandidateWithTheLowestMedianUpToTheTieMargin() throws Exception {
        try (AutoBackend auto = IoBackends.auto(dir, IoBackendConfig.DEFAULT)) {
            AutoSelection s = auto.selection();
            assertEquals(s.chosen(), auto.backend().kind());
            assertFalse(s.fromCache());
            double best = s.candidate(s.chosen()).p50Micros();
            for (AutoSelection.Candidate c : s.candidates()) {
                if (c.measured()) {
                    assertTrue(c.samples() >= Calibrator.MIN_ROUNDS * Calibrator.WRITES_PER_ROUND, c.toString());
                    assertTrue(c.p50Micros() * (1 + AutoSelector.TIE_FRACTION) >= best,
                        c + " beat the chosen " + s.chosen() + " by more than the tie margin");
                    if (c.p50Micros() < best) {
                        assertTrue(c.kind().ordinal() > s.chosen().ordinal(), c + " is faster and earlier in order");
                    }
                    assertTrue(c.p99Micros() >= c.p50Micros(), c.toString());
                }
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(dir.resolve(AutoSelector.CHOICE_FILE)), files.toList(),
                "only the cached choice may remain, no scratch files");
        }
    }

    @Test
    void autoOnTmpfsShouldFallBackToFileChannelForceAndLogTheCause() throws Exception {
        assumeTrue(Files.isDirectory(TestFiles.SHM), "no /dev/shm on this machine");
        Path shm = TestFiles.shmDirectory();
        try (LogCapture log = new LogCapture(); AutoBackend auto = IoBackends.auto(shm, IoBackendConfig.DEFAULT)) {
            assertEquals(BackendKind.FILECHANNEL_FORCE, auto.selection().chosen());
            String cause = auto.selection().candidate(BackendKind.PWRITE_DSYNC).cause();
            assertTrue(cause.contains("tmpfs"), cause);
            String logged = log.text();
            assertTrue(logged.contains("INFO") && logged.contains("auto write path"), logged);
            assertTrue(logged.contains("pwrite_dsync out: " + cause), logged);
        } finally {
            TestFiles.deleteRecursively(shm);
        }
    }

    @Test
    void backendDisabledByPropertyShouldNotBePicked() throws Exception {
        String property = IoCapabilities.disableProperty(BackendKind.PWRITE_DSYNC);
        System.setProperty(property, "true");
        try (AutoBackend auto = IoBackends.auto(dir, IoBackendConfig.DEFAULT)) {
            AutoSelection s = auto.selection();
            assertNotEquals(BackendKind.PWRITE_DSYNC, s.chosen());
            assertFalse(s.candidate(BackendKind.PWRITE_DSYNC).measured());
            assertTrue(s.candidate(BackendKind.PWRITE_DSYNC).cause().contains(property));
            assertTrue(s.summary().contains("pwrite_dsync out: disabled by -D" + property), s.summary());
        } finally {
            System.clearProperty(property);
        }
    }

    @Test
    void unavailableIoUringShouldBeSkippedWithItsCause() throws Exception {
        // Switch io_uring off so the "unavailable" path runs on every kernel, this one included.
        System.setProperty(io.ringlog.io.uring.IoUringProbe.DISABLE_PROPERTY, "true");
        try (AutoBackend auto = IoBackends.auto(dir, IoBackendConfig.DEFAULT)) {
            AutoSelection.Candidate uring = auto.selection().candidate(BackendKind.IO_URING);
            assertFalse(uring.measured());
            assertNotEquals(BackendKind.IO_URING, auto.selection().chosen());
            assertTrue(uring.cause().contains(io.ringlog.io.uring.IoUringProbe.DISABLE_PROPERTY), uring.cause());
        } finally {
            System.clearProperty(io.ringlog.io.uring.IoUringProbe.DISABLE_PROPERTY);
        }
    }
}
