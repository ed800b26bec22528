package io.ringlog.broker.storage;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Whole record batches returned by {@link PartitionLog#read}: either bytes in memory or a region of
 * a file the broker sends with {@code FileChannel.transferTo} (zero copy).
 *
 * <p>Thread-safety: immutable views; a {@link FileRegion}'s channel must stay open until the broker
 * has sent it or the send failed (a log that deletes segments must defer closing their channels, or
 * accept that an in-flight fetch fails with an I/O error and the client retries).
 */
public sealed interface LogSlice permits LogSlice.Bytes, LogSlice.FileRegion {

    /** The size in bytes; 0 for an empty slice. */
    int sizeInBytes();

    /** An empty slice (the fetch offset is the log end). */
    static LogSlice empty() {
        return new Bytes(ByteBuffer.allocate(0));
    }

    /** Batches in memory, position..limit; the broker does not modify them. */
    record Bytes(ByteBuffer buffer) implements LogSlice {
        @Override
        public int sizeInBytes() {
            return buffer.remaining();
        }
    }

    /** Batches at {@code position..position+size} of a file. */
    record FileRegion(FileChannel channel, long position, int size) implements LogSlice {
        public FileRegion {
            if (position < 0 || size < 0) {
                throw new IllegalArgumentException("position " + position + ", size " + size);
            }
        }

        @Override
        public int sizeInBytes() {
            return size;
        }
    }
}
