package io.ringlog.core;

import io.ringlog.io.BackendKind;
import io.ringlog.io.IoBackend;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.IoBackends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Chooses and creates the write backend of a log. The backend is always created from
 * {@link IoBackendConfig#DEFAULT} (not single-issuer): the flush leader can be any appending thread.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
final class BackendSelection {
    private static final Logger LOG = LoggerFactory.getLogger(BackendSelection.class);
    private static final String PROBE_FILE = ".odirect-probe";

    private BackendSelection() {
    }

    static IoBackend create(Path dir, LogConfig config) throws IOException {
        if (config.backendFactory() != null) {
            return config.backendFactory().create(dir);
        }
        BackendKind kind;
        if (!LogConfig.AUTO.equalsIgnoreCase(config.writePath())) {
            kind = BackendKind.fromExternalName(config.writePath());
        } else if (config.durability() == Durability.NONE) {
            kind = BackendKind.FILECHANNEL_FORCE;
        } else {
            kind = auto(dir);
        }
        return IoBackends.create(kind, backendConfig(config));
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

    /**
     * The {@code auto} choice. TODO(lead): replace the body with {@code IoBackends.auto(dir, config)}
     * (probe + calibration, issue 2) once it lands; until then: FileChannel DSYNC+DIRECT where O_DIRECT
     * works on {@code dir} (ext4/xfs), else buffered write + force (tmpfs, macOS).
     */
    static BackendKind auto(Path dir) {
        BackendKind kind = directIoWorks(dir) ? BackendKind.FILECHANNEL_DSYNC_DIRECT : BackendKind.FILECHANNEL_FORCE;
        LOG.info("write path auto for {}: {} (O_DIRECT probe; calibration pending log-io auto)", dir,
            kind.externalName());
        return kind;
    }

    private static boolean directIoWorks(Path dir) {
        Path probe = dir.resolve(PROBE_FILE);
        try {
            try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ, com.sun.nio.file.ExtendedOpenOption.DIRECT)) {
                ByteBuffer block = ByteBuffer.allocateDirect(8192).alignedSlice(4096).limit(4096);
                ch.write(block, 0);
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // a leftover probe file is harmless and overwritten next time
            }
        }
    }
}
