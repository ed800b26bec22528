package io.ringlog.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A failed native I/O call, carrying errno (number and name), the call, the path and the byte range.
 * Use {@link #of} to get the most specific subtype: {@link DiskFullException} for ENOSPC/EDQUOT/EFBIG,
 * {@link InvalidIoArgumentException} for EINVAL, {@link DeviceIoException} for EIO.
 *
 * <p>Thread-safety: immutable.
 */
public class NativeIoException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Marker for "no offset/length applies to this call". */
    public static final long NONE = -1;

    private final int errno;
    private final String call;
    private final String path;
    private final long offset;
    private final long length;

    protected NativeIoException(int errno, String call, String path, long offset, long length, Throwable cause) {
        super(describe(errno, call, path, offset, length), cause);
        this.errno = errno;
        this.call = call;
        this.path = path;
        this.offset = offset;
        this.length = length;
    }

    /** The most specific exception for {@code errno}; {@code path} may be null, offset/length {@link #NONE}. */
    public static NativeIoException of(int errno, String call, Object path, long offset, long length) {
        return of(errno, call, path, offset, length, null);
    }

    /** As {@link #of(int, String, Object, long, long)} with a cause (e.g. the JDK's own IOException). */
    public static NativeIoException of(int errno, String call, Object path, long offset, long length, Throwable cause) {
        String p = path == null ? null : path.toString();
        if (Errno.isDiskFull(errno)) {
            return new DiskFullException(errno, call, p, offset, length, cause);
        }
        return switch (errno) {
            case Errno.EINVAL -> new InvalidIoArgumentException(errno, call, p, offset, length, cause);
            case Errno.EIO -> new DeviceIoException(errno, call, p, offset, length, cause);
            default -> new NativeIoException(errno, call, p, offset, length, cause);
        };
    }

    /** Wraps a JDK {@link IOException} from a FileChannel call, recognising "no space" by its message. */
    public static NativeIoException fromJdk(IOException e, String call, Path path, long offset, long length) {
        if (e instanceof NativeIoException n) {
            return n;
        }
        String m = String.valueOf(e.getMessage());
        int errno = m.contains("No space left") ? Errno.ENOSPC
            : m.contains("Disk quota") ? Errno.EDQUOT
            : m.contains("File too large") ? Errno.EFBIG
            : m.contains("Input/output error") ? Errno.EIO
            : m.contains("Invalid argument") ? Errno.EINVAL
            : m.contains("Read-only file system") ? Errno.EROFS
            : 0;
        return of(errno, call, path, offset, length, e);
    }

    private static String describe(int errno, String call, String path, long offset, long length) {
        StringBuilder sb = new StringBuilder(call).append(" failed: ")
            .append(errno == 0 ? "I/O error" : Errno.name(errno) + " (errno " + errno + ")");
        if (path != null) {
            sb.append(", path ").append(path);
        }
        if (offset != NONE) {
            sb.append(", offset ").append(offset);
        }
        if (length != NONE) {
            sb.append(", length ").append(length);
        }
        return sb.toString();
    }

    /** The errno the kernel returned (0 when the JDK reported the error without one). */
    public int errno() {
        return errno;
    }

    /** The symbolic errno name, e.g. {@code "ENOSPC"}. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** The failing call, e.g. {@code "pwritev2"} or {@code "io_uring WRITE_FIXED"}. */
    public String call() {
        return call;
    }

    /** The file involved, or null. */
    public String path() {
        return path;
    }

    /** The file offset of the failed operation, or {@link #NONE}. */
    public long offset() {
        return offset;
    }

    /** The byte length of the failed operation, or {@link #NONE}. */
    public long length() {
        return length;
    }
}
