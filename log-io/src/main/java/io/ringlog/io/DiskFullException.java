package io.ringlog.io;

/**
 * ENOSPC, EDQUOT or EFBIG: the file system (or a quota or size limit) has no room. Retrying after space is freed can succeed.
 *
 * <p>Thread-safety: immutable.
 */
public final class DiskFullException extends NativeIoException {
    private static final long serialVersionUID = 1L;

    DiskFullException(int errno, String call, String path, long offset, long length, Throwable cause) {
        super(errno, call, path, offset, length, cause);
    }
}
