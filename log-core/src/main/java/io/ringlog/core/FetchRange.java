package io.ringlog.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Whole, durable batches from one segment, ready to send. From a sealed segment it is a file range
 * for sending without copying ({@link FileChannel#transferTo}, i.e. sendfile): {@code channel} set,
 * {@code bytes} null. From the active segment, which is written with O_DIRECT and must not be read
 * through the page cache, the batches were read with O_DIRECT into memory: {@code bytes} set,
 * {@code channel} null. {@link #transferTo} and {@link #read} handle both. The channel belongs to the
 * log: do not close it; a transfer racing with retention of that segment fails with
 * {@link java.nio.channels.ClosedChannelException}.
 *
 * @param channel     the sealed segment's read channel, or null
 * @param position    file position of the first batch
 * @param length      bytes of whole batches
 * @param firstOffset base offset of the first batch
 * @param nextOffset  offset after the last batch (where the next fetch continues)
 * @param bytes       the batches already in memory (active segment), or null
 *
 * <p>Thread-safety: immutable; transfers from several threads use positional reads and do not interfere.
 */
public record FetchRange(FileChannel channel, long position, int length, long firstOffset, long nextOffset,
                         ByteBuffer bytes) {

    /** An empty range at {@code offset} (nothing durable there yet). */
    public static FetchRange empty(long offset) {
        return new FetchRange(null, 0, 0, offset, offset, null);
    }

    /** True when the bytes are in memory (active segment) rather than a file range. */
    public boolean inMemory() {
        return bytes != null;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** Sends the whole range to {@code target}; returns the bytes sent. */
    public long transferTo(WritableByteChannel target) throws IOException {
        if (bytes != null) {
            ByteBuffer b = bytes.duplicate();
            while (b.hasRemaining()) {
                target.write(b);
            }
            return length;
        }
        long sent = 0;
        while (sent < length) {
            long n = channel.transferTo(position + sent, length - sent, target);
            if (n <= 0) {
                throw new IOException("transferTo made no progress at " + (position + sent) + " of " + length + " bytes");
            }
            sent += n;
        }
        return sent;
    }

    /** Copies the range into a new heap buffer (for tools and tests). */
    public ByteBuffer read() throws IOException {
        if (bytes != null) {
            return bytes.duplicate();
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new IOException("segment ended inside a fetch range");
            }
        }
        return b.flip();
    }
}
