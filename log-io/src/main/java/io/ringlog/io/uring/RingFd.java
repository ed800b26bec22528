package io.ringlog.io.uring;

import io.ringlog.io.uring.abi.SqeFlags;

/**
 * A file as one {@link IoUring} addresses it: the plain fd, and the slot in the ring's registered
 * file table when it has one (then SQEs carry the slot with IOSQE_FIXED_FILE, which skips the
 * per-operation fd lookup). Created by {@link IoUring#registerFile} or {@link IoUring#plainFile} and
 * valid only with that ring; the caller still owns and closes the fd.
 *
 * <p>Thread-safety: immutable.
 */
public final class RingFd {
    private final IoUring ring;
    private final int fd;
    private final int fixedIndex;
    private final String path;

    RingFd(IoUring ring, int fd, int fixedIndex, String path) {
        this.ring = ring;
        this.fd = fd;
        this.fixedIndex = fixedIndex;
        this.path = path;
    }

    /** The plain file descriptor. */
    public int fd() {
        return fd;
    }

    /** The slot in the ring's registered file table, or -1 when the plain fd is used. */
    public int fixedIndex() {
        return fixedIndex;
    }

    /** True when operations use the registered file slot. */
    public boolean isFixed() {
        return fixedIndex >= 0;
    }

    /** The path, for error messages (may be null). */
    public String path() {
        return path;
    }

    IoUring ring() {
        return ring;
    }

    /** The value for {@code sqe.fd}: the slot when registered, else the fd. */
    int sqeFd() {
        return fixedIndex >= 0 ? fixedIndex : fd;
    }

    /** The {@code sqe.flags} that go with {@link #sqeFd()}. */
    byte sqeFlags() {
        return fixedIndex >= 0 ? SqeFlags.IOSQE_FIXED_FILE : 0;
    }

    @Override
    public String toString() {
        return "RingFd[fd=" + fd + (fixedIndex >= 0 ? ", slot=" + fixedIndex : "") + ", path=" + path + "]";
    }
}
