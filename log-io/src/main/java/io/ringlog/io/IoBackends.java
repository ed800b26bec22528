package io.ringlog.io;

import io.ringlog.io.jdk.FileChannelBackend;

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
            case IO_URING, PWRITE_DSYNC -> throw new UnsupportedOperationException(
                kind.externalName() + " is being implemented (issue 2)");
        };
    }
}
