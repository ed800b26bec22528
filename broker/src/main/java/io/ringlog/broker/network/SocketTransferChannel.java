package io.ringlog.broker.network;

import org.apache.kafka.common.network.TransferableChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/**
 * Adapts a non-blocking {@link SocketChannel} to Kafka's {@link TransferableChannel}, so a response
 * {@code Send} writes heap buffers with gathering writes and file regions with
 * {@link FileChannel#transferTo} (sendfile, zero copy).
 *
 * <p>Heap buffers are written at most {@value #MAX_HEAP_CHUNK} bytes per call: the JDK copies a
 * heap buffer into a temporary direct buffer of the whole remaining size and caches it per thread,
 * so writing a 50 MiB fetch response in one call would pin 50 MiB of native memory per processor.
 *
 * <p>Thread-safety: not thread-safe; used by the owning processor thread only.
 */
final class SocketTransferChannel implements TransferableChannel {
    static final int MAX_HEAP_CHUNK = 256 * 1024;
    private final SocketChannel socket;

    SocketTransferChannel(SocketChannel socket) {
        this.socket = socket;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long remaining = 0;
        for (int i = offset; i < offset + length; i++) {
            remaining += srcs[i].remaining();
        }
        if (remaining <= MAX_HEAP_CHUNK) {
            return socket.write(srcs, offset, length);
        }
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            ByteBuffer b = srcs[i];
            while (b.hasRemaining()) {
                int n = write(b);
                total += n;
                if (n == 0) {
                    return total;
                }
            }
        }
        return total;
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (src.isDirect() || src.remaining() <= MAX_HEAP_CHUNK) {
            return socket.write(src);
        }
        int limit = src.limit();
        src.limit(src.position() + MAX_HEAP_CHUNK);
        try {
            return socket.write(src);
        } finally {
            src.limit(limit);
        }
    }

    @Override
    public boolean hasPendingWrites() {
        return false;
    }

    @Override
    public long transferFrom(FileChannel fileChannel, long position, long count) throws IOException {
        return fileChannel.transferTo(position, count, socket);
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
