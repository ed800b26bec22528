package io.ringlog.core.segment;

import io.ringlog.io.Alignment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * O_DIRECT reads of the active segment: the requested range is widened to 4096-aligned blocks, read
 * into a per-thread aligned scratch buffer (256 KiB) and copied out. This keeps page-cache pages off
 * the file being written with O_DIRECT (a file with cached pages loses the kernel's inline DIO
 * completion from 6.19, and every direct write must invalidate them), at the price of one copy.
 *
 * <p>Thread-safety: stateless apart from the thread-local scratch buffers; safe from any thread.
 */
final class DirectReads {
    private static final int SCRATCH = 256 * 1024;
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(
        () -> ByteBuffer.allocateDirect(SCRATCH + Alignment.BLOCK).alignedSlice(Alignment.BLOCK));

    private DirectReads() {
    }

    static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ, com.sun.nio.file.ExtendedOpenOption.DIRECT);
    }

    /** Reads {@code dst.remaining()} bytes from {@code position} (fewer at end of file); returns the count. */
    static int read(FileChannel channel, ByteBuffer dst, long position) throws IOException {
        ByteBuffer scratch = BUFFERS.get();
        int total = 0;
        while (dst.hasRemaining()) {
            long pos = position + total;
            long blockStart = Alignment.alignDown(pos);
            int skip = (int) (pos - blockStart);
            int want = (int) Math.min(scratch.capacity(), Alignment.alignUp((long) skip + dst.remaining()));
            scratch.clear().limit(want);
            int n = readFully(channel, scratch, blockStart);
            if (n <= skip) {
                break;
            }
            int copy = Math.min(n - skip, dst.remaining());
            dst.put(dst.position(), scratch, skip, copy);
            dst.position(dst.position() + copy);
            total += copy;
            if (n < want) {
                break;
            }
        }
        return total;
    }

    private static int readFully(FileChannel channel, ByteBuffer scratch, long position) throws IOException {
        int total = 0;
        while (scratch.hasRemaining()) {
            int n = channel.read(scratch, position + total);
            if (n <= 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
