package io.ringlog.io;

/**
 * Settings for creating an {@link IoBackend}.
 *
 * @param registeredBytes bytes of memory registered with an io_uring ring for WRITE_FIXED (pinned,
 *                        counted against RLIMIT_MEMLOCK; ignored by other backends)
 * @param singleIssuer    io_uring only: try IORING_SETUP_SINGLE_ISSUER|DEFER_TASKRUN, which confines
 *                        the ring to the creating thread; false sets the ring up for use from any
 *                        thread (callers serialize)
 * @param ringEntries     io_uring submission queue size (power of two)
 *
 * <p>Thread-safety: immutable.
 */
public record IoBackendConfig(long registeredBytes, boolean singleIssuer, int ringEntries) {

    /** 4 MiB registered, ring usable from any thread, 64 entries. */
    public static final IoBackendConfig DEFAULT = new IoBackendConfig(4L << 20, false, 64);

    public IoBackendConfig {
        if (registeredBytes < 0 || registeredBytes > (1L << 30)) {
            throw new IllegalArgumentException("registeredBytes must be in [0, 1 GiB], got " + registeredBytes);
        }
        if (ringEntries < 1 || ringEntries > 4096 || Integer.bitCount(ringEntries) != 1) {
            throw new IllegalArgumentException("ringEntries must be a power of two in [1, 4096], got " + ringEntries);
        }
    }

    /** A copy that confines io_uring rings to the creating thread (SINGLE_ISSUER|DEFER_TASKRUN). */
    public IoBackendConfig withSingleIssuer(boolean value) {
        return new IoBackendConfig(registeredBytes, value, ringEntries);
    }

    /** A copy with another registered-memory size. */
    public IoBackendConfig withRegisteredBytes(long value) {
        return new IoBackendConfig(value, singleIssuer, ringEntries);
    }
}
