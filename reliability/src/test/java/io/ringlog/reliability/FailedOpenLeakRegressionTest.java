package io.ringlog.reliability;

import io.ringlog.core.Log;
import io.ringlog.core.LogConfig;
import io.ringlog.io.BackendKind;
import io.ringlog.io.DeviceIoException;
import io.ringlog.io.OpenResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression (found by the power-loss suite, seed 1001): a {@code Log.open} that failed while repairing
 * the tail after an unclean shutdown (an I/O error on the zeroing write) leaked the active segment's
 * write handle, because the failed open closed only the writer's active file, which was not set yet.
 */
class FailedOpenLeakRegressionTest {
    @TempDir
    Path tmp;

    @Test
    void openThatFailsWhileRepairingTheTailShouldCloseTheSegmentWriteHandle() throws Exception {
        String before = OpenResources.summary();
        Path crashed = tmp.resolve("crashed");
        PowerLossRecorder live = new PowerLossRecorder(tmp.resolve("live"), new Random(1), Long.MAX_VALUE);
        try (Log log = Log.open(tmp.resolve("live"), config(live))) {
            log.append(Payload.value(1, 100));
            live.crashNow();
        }
        live.image().materialise(crashed);

        PowerLossRecorder failFirstWrite = new PowerLossRecorder(crashed, new Random(2), 1);
        assertThrows(DeviceIoException.class, () -> Log.open(crashed, config(failFirstWrite)).close());
        assertTrue(failFirstWrite.crashed(), "the open's tail repair wrote and failed");
        assertEquals(before, OpenResources.summary(), "the failed open released every file handle");
    }

    private static LogConfig config(PowerLossRecorder recorder) {
        return LogConfig.builder().segmentBytes(64 << 10).maxPendingBytes(16 << 10).maxBatchBytes(8 << 10)
            .segmentsPreparedAhead(1)
            .backendFactory(d -> InterceptingBackend.of(BackendKind.FILECHANNEL_FORCE, recorder, false)).build();
    }
}
