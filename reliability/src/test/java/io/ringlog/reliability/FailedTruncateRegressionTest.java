package io.ringlog.reliability;

import io.ringlog.core.Log;
import io.ringlog.core.LogConfig;
import io.ringlog.core.LogFailedException;
import io.ringlog.io.BackendKind;
import io.ringlog.io.DeviceIoException;
import io.ringlog.io.Errno;
import io.ringlog.io.OpenResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression (found by the power-loss suite, seed 1046): a {@code truncateTo} into an older segment that
 * failed while zeroing the removed range leaked the reopened segment's write handle and left the log
 * accepting appends on top of batches that were not zeroed. It must fail the log until reopen instead.
 */
class FailedTruncateRegressionTest {
    @TempDir
    Path dir;

    @Test
    void truncateToThatFailsWhileZeroingShouldFailTheLogAndReleaseTheReopenedHandle() throws Exception {
        String before = OpenResources.summary();
        FaultInjector faults = new FaultInjector();
        LogConfig config = LogConfig.builder().segmentBytes(64 << 10).maxPendingBytes(16 << 10)
            .maxBatchBytes(8 << 10).segmentsPreparedAhead(1)
            .backendFactory(d -> InterceptingBackend.of(BackendKind.FILECHANNEL_FORCE, faults, true)).build();
        Log log = Log.open(dir, config);
        for (int i = 0; i < 40; i++) {
            log.append(Payload.value(i, 4000));
        }
        assertTrue(log.segments().size() > 1, "the log rolled");
        faults.failWrites(Errno.EIO);
        assertThrows(DeviceIoException.class, () -> log.truncateTo(3));
        faults.heal();
        LogFailedException failed = assertThrows(LogFailedException.class, () -> log.append(Payload.value(99, 1)));
        assertInstanceOf(DeviceIoException.class, failed.getCause(), "the original cause");
        log.close();
        assertEquals(before, OpenResources.summary(), "every file handle released");
        try (Log reopened = Log.open(dir, config)) {
            long end = reopened.endOffset();
            assertTrue(end >= 3, "recovery keeps at least the records before the truncation point, end " + end);
            assertEquals(end, reopened.append(Payload.value(100, 1)), "appends work again after reopen");
        }
    }
}
