package io.ringlog.core;

import io.ringlog.io.BackendKind;
import io.ringlog.io.IoBackend;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.IoBackends;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Chooses and creates the write backend of a log. The backend is always created from
 * {@link IoBackendConfig#DEFAULT} (not single-issuer): the flush leader can be any appending thread.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
final class BackendSelection {

    private BackendSelection() {
    }

    static IoBackend create(Path dir, LogConfig config) throws IOException {
        if (config.backendFactory() != null) {
            return config.backendFactory().create(dir);
        }
        IoBackendConfig backendConfig = backendConfig(config);
        if (!LogConfig.AUTO.equalsIgnoreCase(config.writePath())) {
            return IoBackends.create(BackendKind.fromExternalName(config.writePath()), backendConfig);
        }
        if (config.durability() == Durability.NONE) {
            // Not durable by contract: buffered writes, no O_DIRECT, nothing to calibrate.
            return IoBackends.create(BackendKind.FILECHANNEL_FORCE, backendConfig);
        }
        // Probe + calibration (or the directory's cached choice); AutoSelector logs the one INFO line.
        return IoBackends.auto(dir, backendConfig).backend();
    }

    /**
     * {@link IoBackendConfig#DEFAULT} (any-thread ring), with enough registered memory for the log's two
     * tail buffers so that every io_uring write of the log is a WRITE_FIXED.
     */
    static IoBackendConfig backendConfig(LogConfig config) {
        long needed = 2 * tailBufferBytes(config);
        IoBackendConfig d = IoBackendConfig.DEFAULT;
        return needed <= d.registeredBytes() ? d : d.withRegisteredBytes(Math.min(needed, 1L << 30));
    }

    /** Size of one tail buffer: the largest pending write plus the rewritten partial block. */
    static int tailBufferBytes(LogConfig config) {
        return (int) io.ringlog.io.Alignment.alignUp(config.maxPendingBytes()) + io.ringlog.io.Alignment.BLOCK;
    }
}
