package io.ringlog.reliability;

import io.ringlog.core.Durability;
import io.ringlog.core.Log;
import io.ringlog.core.LogConfig;
import io.ringlog.core.LogFailedException;
import io.ringlog.io.BackendKind;
import io.ringlog.io.DeviceIoException;
import io.ringlog.io.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Regression (found by the disk-fault suite): with {@code Durability.NONE}, a {@code Log.flush()} whose
 * fdatasync failed left the log writable, so the next {@code flush()} returned normally and reported
 * data durable that the failed fdatasync may have dropped (the "fsyncgate" mistake). It must fail the
 * log with the original cause until reopen.
 */
class FailedFlushRetryRegressionTest {
    @TempDir
    Path dir;

    @Test
    void flushAfterAFailedFlushShouldFailWithTheOriginalCauseInsteadOfSucceeding() throws Exception {
        FaultInjector faults = new FaultInjector();
        LogConfig config = LogConfig.builder().segmentBytes(64 << 10).maxPendingBytes(16 << 10)
            .maxBatchBytes(8 << 10).segmentsPreparedAhead(1).durability(Durability.NONE)
            .backendFactory(d -> InterceptingBackend.of(BackendKind.FILECHANNEL_FORCE, faults, true)).build();
        try (Log log = Log.open(dir, config)) {
            log.append(Payload.value(1, 10));
            faults.failFlushes(Errno.EIO);
            assertThrows(DeviceIoException.class, log::flush);
            faults.heal();
            LogFailedException retried = assertThrows(LogFailedException.class, log::flush);
            assertInstanceOf(DeviceIoException.class, retried.getCause(), "the original cause");
        }
    }
}
