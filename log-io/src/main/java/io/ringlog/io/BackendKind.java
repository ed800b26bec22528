package io.ringlog.io;

import java.util.Locale;

/**
 * The durable write paths. The names (lower case) are the ones the CLI, the JSON output and the
 * cached {@code auto} choice use.
 *
 * <p>Thread-safety: immutable.
 */
public enum BackendKind {
    /** io_uring WRITE_FIXED with RWF_DSYNC on an O_DIRECT fd, registered buffers and file; reaped by the caller. */
    IO_URING(true),
    /** {@code pwritev2(..., RWF_DSYNC)} on an O_DIRECT fd: the kernel completes it in the calling thread. */
    PWRITE_DSYNC(true),
    /** JDK FileChannel opened with DSYNC and {@code ExtendedOpenOption.DIRECT}. */
    FILECHANNEL_DSYNC_DIRECT(true),
    /** JDK FileChannel, buffered write then {@code force(false)}: works on any file system (tmpfs, macOS). */
    FILECHANNEL_FORCE(false);

    private final boolean needsDirectIo;

    BackendKind(boolean needsDirectIo) {
        this.needsDirectIo = needsDirectIo;
    }

    /** True when this path opens the file with O_DIRECT and so needs a file system that supports it. */
    public boolean needsDirectIo() {
        return needsDirectIo;
    }

    /** The external name, e.g. {@code "pwrite_dsync"}. */
    public String externalName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an external name such as {@code "io_uring"} (case-insensitive). */
    public static BackendKind fromExternalName(String name) {
        for (BackendKind k : values()) {
            if (k.externalName().equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown write backend '" + name + "'; expected one of "
            + java.util.Arrays.stream(values()).map(BackendKind::externalName).toList() + " or auto");
    }
}
