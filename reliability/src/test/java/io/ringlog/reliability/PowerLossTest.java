package io.ringlog.reliability;

import io.ringlog.io.OpenResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Suite 2, simulated power loss: 500 seeded trials by default (seeds 1000..1499), 10,000 with
 * {@code -Dreliability.long=true}; {@code -Dreliability.seed=N} replays one. See {@link PowerLossTrial}.
 */
class PowerLossTest {
    private static final long FIRST_SEED = 1000;

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedRecordSurvivesPowerLossAndNothingUnwrittenIsEverRead() throws Exception {
        String before = OpenResources.summary();
        long[] seeds = Trials.seeds(FIRST_SEED, 500, 10_000);
        long started = System.nanoTime();
        for (long seed : seeds) {
            Path root = tmp.resolve("trial-" + seed);
            PowerLossTrial trial = new PowerLossTrial(seed, root);
            if (seeds.length <= 20) {
                System.out.println("power-loss trial " + trial.describe());
            }
            try {
                trial.run();
            } catch (AssertionError | IOException | RuntimeException e) {
                System.out.println("power-loss trial FAILED, replay with -Dreliability.seed=" + seed);
                throw e;
            }
            deleteTree(root);
            assertEquals(before, OpenResources.summary(), "log-io resources leaked by trial " + trial.describe());
        }
        System.out.printf("power-loss: %d trials, seeds %d..%d, %.1f s%n", seeds.length, seeds[0],
            seeds[seeds.length - 1], (System.nanoTime() - started) / 1e9);
        System.out.println("power-loss coverage: " + CrashStats.summary());
        assertEquals(before, OpenResources.summary(), "log-io resources leaked by the trials");
    }

    /** The suite's own check: a device that acknowledges writes it did not make durable must be caught. */
    @Test
    void simulatorShouldCatchADeviceThatLosesAcknowledgedWrites() throws Exception {
        int caught = 0;
        for (long seed = 1; seed <= 30; seed++) {
            Path root = tmp.resolve("lying-" + seed);
            try {
                new PowerLossTrial(seed, root, true).run();
            } catch (AssertionError expected) {
                caught++;
            }
            deleteTree(root);
        }
        System.out.println("power-loss self-check: a lying device was caught in " + caught + " of 30 trials");
        org.junit.jupiter.api.Assertions.assertTrue(caught >= 10, "only " + caught + " of 30 trials caught lost acknowledged writes");
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
