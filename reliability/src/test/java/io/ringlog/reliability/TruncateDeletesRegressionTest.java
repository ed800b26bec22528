package io.ringlog.reliability;

import io.ringlog.core.Log;
import io.ringlog.core.LogConfig;
import io.ringlog.core.LogReader;
import io.ringlog.core.format.RecordView;
import io.ringlog.io.BackendKind;
import io.ringlog.io.FileSystemOps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression (found by the power-loss suite once it recorded namespace operations, seed 1007): a
 * {@code truncateTo} into an older segment deleted the later segments, zeroed the removed range of the
 * target with durable writes, and only then fsynced the directory. A power loss before that fsync can
 * keep the zeroing but lose the deletes (ext4 commits an unlink with the next journal commit; an
 * O_DSYNC overwrite does not force one), so the later segments came back after a target that now ended
 * early: recovery saw a gap and opened the log read-only (corruption). The crash here is the worst
 * case: every namespace operation not covered by a directory fsync is lost, every data write kept.
 */
class TruncateDeletesRegressionTest {
    private static final int RECORDS = 40;
    private static final long TRUNCATE_AT = 3;

    @TempDir
    Path tmp;

    @Test
    void powerLossDuringTruncateToShouldNeverBringBackDeletedSegmentsAfterTheCut() throws Exception {
        int crashPoints = 0;
        for (int k = 1; k < 100; k++) {
            Path dir = tmp.resolve("run-" + k);
            PowerLossRecorder recorder = new PowerLossRecorder(dir, new WorstCase(), Long.MAX_VALUE);
            boolean completed = truncateWithCrash(dir, recorder, k);
            Path image = tmp.resolve("image-" + k);
            recorder.image().materialise(image);
            checkRecovered(image, completed, "crash at operation " + k + " of truncateTo:\n"
                + recorder.history() + "\n" + recorder.image().describe());
            if (completed) {
                break;
            }
            crashPoints++;
        }
        System.out.println("truncateTo power loss: " + crashPoints + " crash points checked");
        assertTrue(crashPoints >= 4, "truncateTo had only " + crashPoints + " crash points");
    }

    /** Appends, then truncates with a crash at its {@code k}th operation; true when it completed first. */
    private static boolean truncateWithCrash(Path dir, PowerLossRecorder recorder, int k) throws Exception {
        Log log = Log.open(dir, config().fileSystemOps(recorder).backendFactory(d -> InterceptingBackend.of(
            BackendKind.FILECHANNEL_FORCE, recorder, false)).build());
        try {
            for (int i = 0; i < RECORDS; i++) {
                log.append(Payload.value(i, 4000));
            }
            assertTrue(log.segments().size() >= 3, "the log rolled twice");
            waitQuiet(recorder);
            recorder.crashAfter(k);
            log.truncateTo(TRUNCATE_AT);
        } catch (IOException crashed) {
            assertTrue(recorder.crashed(), "failed without a crash: " + crashed);
        } finally {
            boolean completed = !recorder.crashed();
            recorder.crashNow();
            try {
                log.close();
            } catch (IOException ignored) {
                // failed at the simulated power loss
            }
            if (completed) {
                return true;
            }
        }
        return false;
    }

    private static void checkRecovered(Path image, boolean completed, String context) throws IOException {
        try (Log log = Log.open(image, config().build())) {
            assertNull(log.corruption(), context);
            long end = log.endOffset();
            assertTrue(completed ? end == TRUNCATE_AT : end == TRUNCATE_AT || end == RECORDS,
                "end offset " + end + " after " + context);
            try (LogReader r = log.reader(0)) {
                long expected = 0;
                for (RecordView v; (v = r.nextRecord()) != null; expected++) {
                    assertEquals(expected, v.offset(), context);
                    assertEquals(expected, Payload.idOf(v.value()), context);
                }
                assertEquals(end, expected, context);
            }
        }
    }

    private static LogConfig.Builder config() {
        return LogConfig.builder().segmentBytes(64 << 10).maxPendingBytes(16 << 10).maxBatchBytes(8 << 10)
            .segmentsPreparedAhead(1).fileSystemOps(FileSystemOps.real())
            .backendFactory(d -> InterceptingBackend.of(BackendKind.FILECHANNEL_FORCE,
                new InterceptingBackend.Interceptor() { }, false));
    }

    /** Waits until the preparer thread has finished its work (no new operation for 150 ms). */
    private static void waitQuiet(PowerLossRecorder recorder) throws InterruptedException {
        long last = -1;
        for (int stable = 0; stable < 3; ) {
            Thread.sleep(50);
            long now = recorder.operations();
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
    }

    /** Always the first choice: every data write kept, every namespace operation since the last directory fsync lost. */
    private static final class WorstCase extends Random {
        @Override
        public int nextInt(int bound) {
            return 0;
        }
    }
}
