package io.ringlog.io;

/**
 * EIO: the device reported an I/O error. After a failed durable write or flush the data's state is unknown.
 *
 * <p>Thread-safety: immutable.
 */
public final class DeviceIoException extends NativeIoException {
    private static final long serialVersionUID = 1L;

    DeviceIoException(int errno, String call, String path, long offset, long length, Throwable cause) {
        super(errno, call, path, offset, length, cause);
    }
}
