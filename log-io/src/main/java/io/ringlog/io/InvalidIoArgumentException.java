package io.ringlog.io;

/**
 * EINVAL: the kernel rejected an argument (usually alignment or an unsupported flag).
 *
 * <p>Thread-safety: immutable.
 */
public final class InvalidIoArgumentException extends NativeIoException {
    private static final long serialVersionUID = 1L;

    InvalidIoArgumentException(int errno, String call, String path, long offset, long length, Throwable cause) {
        super(errno, call, path, offset, length, cause);
    }
}
