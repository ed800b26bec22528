package io.ringlog.io;

import java.lang.foreign.MemorySegment;

/**
 * The alignment every durable write uses: buffer address, length and file offset are multiples of
 * {@link #BLOCK} (4096). O_DIRECT needs the device's logical block size; 512 worked on virtio but gave
 * EINVAL on a 4 KiB-sector device, so ringlog uses 4096 everywhere and checks it before any syscall.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class Alignment {
    /** Alignment of addresses, lengths and offsets for every write path. */
    public static final int BLOCK = 4096;

    private Alignment() {
    }

    /** True when {@code value} is a multiple of {@link #BLOCK}. */
    public static boolean isAligned(long value) {
        return (value & (BLOCK - 1)) == 0;
    }

    /** {@code value} rounded up to a multiple of {@link #BLOCK}. */
    public static long alignUp(long value) {
        return (value + BLOCK - 1) & -BLOCK;
    }

    /** {@code value} rounded down to a multiple of {@link #BLOCK}. */
    public static long alignDown(long value) {
        return value & -BLOCK;
    }

    /**
     * Checks a buffer and file offset for a direct write or read.
     *
     * @throws MisalignedBufferException naming the first bad value
     */
    public static void check(MemorySegment buffer, long fileOffset, String call) {
        if (!buffer.isNative()) {
            throw new MisalignedBufferException(call + ": buffer must be native memory, got a heap segment");
        }
        if (!isAligned(buffer.address())) {
            throw new MisalignedBufferException(call + ": buffer address 0x" + Long.toHexString(buffer.address())
                + " is not a multiple of " + BLOCK);
        }
        if (buffer.byteSize() == 0 || !isAligned(buffer.byteSize())) {
            throw new MisalignedBufferException(call + ": length " + buffer.byteSize()
                + " is not a positive multiple of " + BLOCK);
        }
        if (fileOffset < 0 || !isAligned(fileOffset)) {
            throw new MisalignedBufferException(call + ": file offset " + fileOffset
                + " is not a non-negative multiple of " + BLOCK);
        }
    }
}
