package io.ringlog.core;

import io.ringlog.core.segment.SegmentPreparer;
import io.ringlog.io.NativeIoException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Lays out a prepared segment with O_DIRECT writes of zeros (1 MiB at a time, no O_DSYNC), then one
 * fdatasync. Unlike buffered zero-filling it leaves no page-cache pages on the future segment and no
 * burst of 64 MiB of dirty pages for writeback to flush while appends run. Uses its own FileChannel,
 * never the log's backend: an io_uring ring shared with the flush leader must not be used from the
 * preparer thread at the same time.
 *
 * <p>Thread-safety: stateless apart from the shared zero buffer, which is only read; safe from any thread.
 */
final class DirectZeroFill implements SegmentPreparer.FileLayout {
    private static final int CHUNK = 1 << 20;
    /**
     * One buffer of zeros for the whole process: it is only ever read (each write uses a duplicate), so
     * every log's preparer can share it. One per log cost 1 MiB of resident memory per partition
     * (allocateDirect writes its zeros), 500 MiB for a broker with 500 partitions.
     */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(CHUNK + 4096).alignedSlice(4096).limit(CHUNK).slice();

    @Override
    public void zeroFill(Path file, long size) throws IOException {
        long pos = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            com.sun.nio.file.ExtendedOpenOption.DIRECT)) {
            while (pos < size) {
                ByteBuffer chunk = ZEROS.duplicate().limit((int) Math.min(CHUNK, size - pos));
                while (chunk.hasRemaining()) {
                    pos += ch.write(chunk, pos);
                }
            }
            ch.force(true);
        } catch (IOException e) {
            throw NativeIoException.fromJdk(e, "zero-fill (O_DIRECT)", file, pos, size - pos);
        }
    }
}
