package io.ringlog.io;

/**
 * A buffer address, length or file offset that is not 4096-aligned, rejected before any syscall.
 * The message names the bad value.
 *
 * <p>Thread-safety: immutable.
 */
public final class MisalignedBufferException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MisalignedBufferException(String message) {
        super(message);
    }
}
