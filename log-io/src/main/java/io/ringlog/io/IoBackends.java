package io.ringlog.io;

import io.ringlog.io.jdk.FileChannelBackend;
import io.ringlog.io.pwrite.PwriteBackend;
import io.ringlog.io.uring.IoUringBackend;
import io.ringlog.io.uring.IoUringProbe;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Creates {@link IoBackend}s by kind, or by measurement with {@link #auto}.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class IoBackends {
    private IoBackends() {
    }

    /**
     * Creates a backend of {@code kind} with {@code config}.
     *
     * @throws IllegalStateException when {@code kind} is switched off by its system property
     *                               ({@link IoCapabilities#disableProperty})
     */
    public static IoBackend create(BackendKind kind, IoBackendConfig config) throws NativeIoException {
        String disabled = IoCapabilities.disabledCause(kind);
        if (disabled != null) {
            throw new IllegalStateException(kind.externalName() + " is " + disabled);
        }
        return switch (kind) {
            case FILECHANNEL_DSYNC_DIRECT, FILECHANNEL_FORCE -> new FileChannelBackend(kind);
            case IO_URING -> createIoUring(config);
            case PWRITE_DSYNC -> new PwriteBackend();
        };
    }

    /**
     * The io_uring backend, or an IllegalStateException carrying the probe's cause when io_uring does
     * not work here (no kernel support, seccomp, sysctl, or -Dringlog.io_uring.disable=true).
     */
    private static IoBackend createIoUring(IoBackendConfig config) throws NativeIoException {
        IoUringProbe.Result probe = IoUringProbe.probe();
        if (!probe.available()) {
            throw new IllegalStateException("io_uring backend unavailable: " + probe.unavailabilityCause());
        }
        return IoUringBackend.create(config);
    }

    /**
     * The {@code auto} write path for files in {@code directory}: probes, then reuses the directory's
     * cached choice or calibrates the available backends and picks the lowest median latency (see
     * {@link AutoSelector}).
     */
    public static AutoBackend auto(Path directory, IoBackendConfig config) throws IOException {
        return AutoSelector.select(directory, config);
    }
}
