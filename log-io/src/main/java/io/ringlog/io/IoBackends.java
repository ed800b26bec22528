package io.ringlog.io;

import io.ringlog.io.jdk.FileChannelBackend;
import io.ringlog.io.uring.IoUringBackend;
import io.ringlog.io.uring.IoUringProbe;

/**
 * Creates {@link IoBackend}s by kind.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class IoBackends {
    private IoBackends() {
    }

    /** Creates a backend of {@code kind} with {@code config}. */
    public static IoBackend create(BackendKind kind, IoBackendConfig config) throws NativeIoException {
        return switch (kind) {
            case FILECHANNEL_DSYNC_DIRECT, FILECHANNEL_FORCE -> new FileChannelBackend(kind);
            case IO_URING -> createIoUring(config);
            case PWRITE_DSYNC -> throw new UnsupportedOperationException(
                kind.externalName() + " is being implemented (issue 2)");
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
}
