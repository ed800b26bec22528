package io.ringlog.core.tools;

import io.ringlog.core.format.BatchStatus;
import io.ringlog.core.format.BatchValidator;
import io.ringlog.core.format.BatchView;
import io.ringlog.core.format.RecordBatchDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Walks the batches of one segment file read-only, with the same rules as recovery: stop at the first
 * batch with a bad length, magic or CRC, or whose base offset is not the expected continuation. Works
 * on any file (the log need not be open, the directory may be in use).
 *
 * <p>Thread-safety: not thread-safe; one walker per walk.
 */
final class SegmentWalker {
    /** Receives each valid batch. */
    interface Visitor {
        void batch(long position, BatchView batch) throws IOException;
    }

    /** Where and why a walk stopped. */
    record End(long position, long nextOffset, int batches, String reason, boolean clean) {
    }

    private final BatchValidator validator = new BatchValidator();

    /**
     * Walks {@code file} expecting the first batch at {@code expectedBase} (or any base when negative).
     */
    End walk(Path file, long expectedBase, Visitor visitor) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long position = 0;
            long expected = expectedBase;
            int batches = 0;
            ByteBuffer header = ByteBuffer.allocate(RecordBatchDescriptor.HEADER_LENGTH);
            while (true) {
                header.clear();
                if (size - position < RecordBatchDescriptor.HEADER_LENGTH || read(ch, header, position) < header.capacity()) {
                    return new End(position, expected, batches, "end of file", true);
                }
                int length = RecordBatchDescriptor.sizeInBytes(header, 0);
                if (allZero(header)) {
                    return new End(position, expected, batches, "zero-filled space", true);
                }
                if (length < RecordBatchDescriptor.HEADER_LENGTH || position + length > size) {
                    return new End(position, expected, batches, "invalid batch length " + length, false);
                }
                ByteBuffer batch = ByteBuffer.allocate(length);
                read(ch, batch, position);
                BatchStatus status = validator.check(batch, 0, length, length);
                if (status != BatchStatus.OK) {
                    return new End(position, expected, batches, status.description(), false);
                }
                long base = RecordBatchDescriptor.baseOffset(batch, 0);
                if (expected >= 0 && base != expected) {
                    return new End(position, expected, batches, "batch with base offset " + base + " where " + expected
                        + " was expected (stale or out of order)", base < expected);
                }
                BatchView view = new BatchView(batch);
                visitor.batch(position, view);
                expected = view.nextOffset();
                position += length;
                batches++;
            }
        }
    }

    private static boolean allZero(ByteBuffer b) {
        for (int i = 0; i < b.capacity(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static int read(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
