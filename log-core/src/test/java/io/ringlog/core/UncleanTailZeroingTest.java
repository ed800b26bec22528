package io.ringlog.core;

import io.ringlog.core.segment.MaxWriteCheckpoint;
import io.ringlog.core.segment.SegmentFileNames;
import io.ringlog.io.Alignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static io.ringlog.core.LogTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * After an unclean stop, recovery zeroes exactly the range the one write in flight at the crash could
 * have touched (the recorded tail-buffer size from the tail's block), not megabytes; a log without the
 * {@code max-write} record falls back to the old conservative span.
 */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class UncleanTailZeroingTest {
    private static final byte STALE = 0x5A;
    /** maxPendingBytes 16 KiB: tail buffers of 16 KiB + one block. */
    private static final long TAIL_BUFFER = 16 * 1024 + Alignment.BLOCK;

    @TempDir
    Path tmp;

    private static LogConfig.Builder config() {
        return small().segmentBytes(1 << 20);
    }

    /** Writes 10 records, takes a crash copy, and fills everything after the valid end with stale bytes. */
    private long crashWithStaleBytesAfterTheEnd(Path copy) throws IOException {
        Path dir = tmp.resolve("log");
        long end;
        try (Log log = Log.open(dir, config().build())) {
            for (int i = 0; i < 10; i++) {
                log.append(utf8("record-" + i + "-" + "y".repeat(300)));
            }
            end = log.segments().getLast().durableSize();
            crashCopy(dir, copy);
        }
        Path segment = SegmentFileNames.logFile(copy, 0);
        byte[] stale = new byte[(int) (Files.size(segment) - end)];
        Arrays.fill(stale, STALE);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(stale), end);
        }
        return end;
    }

    @Test
    void shouldZeroOnlyTheRangeOneInFlightWriteCouldHaveTouched() throws IOException {
        Path copy = tmp.resolve("crash");
        long end = crashWithStaleBytesAfterTheEnd(copy);
        assertEquals(TAIL_BUFFER, MaxWriteCheckpoint.read(copy), "recorded when the log was first opened");
        try (Log log = Log.open(copy, config().build())) {
            assertEquals(10, log.endOffset());
        }
        byte[] file = Files.readAllBytes(SegmentFileNames.logFile(copy, 0));
        long staleEnd = Alignment.alignDown(end) + TAIL_BUFFER;
        for (long p = end; p < staleEnd; p++) {
            assertEquals(0, file[(int) p], "byte " + p + " inside the in-flight write's range");
        }
        for (long p = staleEnd; p < file.length; p++) {
            assertEquals(STALE, file[(int) p], "byte " + p + " beyond any write in flight must not be rewritten");
        }
    }

    /**
     * The case the zeroing exists for: a torn write left batches 4 and 5 after the recovered end (3),
     * the end is block-aligned, and the new batch 3 has the old one's size, so its write ends exactly
     * where stale batch 4 starts and no zero padding covers it. Without the zeroing, the next recovery
     * would read the never-acknowledged batches 4 and 5 as the continuation.
     */
    @Test
    void staleBatchesAfterABlockAlignedEndShouldStayDeadAfterNewAppendsOfTheSameSize() throws IOException {
        Path dir = tmp.resolve("log");
        ByteBuffer value = valueForBatchSize(Alignment.BLOCK);
        Path copy = tmp.resolve("crash");
        try (Log log = Log.open(dir, config().build())) {
            for (int i = 0; i < 6; i++) {
                log.append(value.duplicate());
            }
            crashCopy(dir, copy);
        }
        try (FileChannel ch = FileChannel.open(SegmentFileNames.logFile(copy, 0), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(61), 3L * Alignment.BLOCK); // batch 3 torn: its header never landed
        }
        Path again = tmp.resolve("crash-again");
        try (Log log = Log.open(copy, config().build())) {
            assertEquals(3, log.endOffset());
            assertEquals(3, log.append(value.duplicate()));
            crashCopy(copy, again);
        }
        try (Log log = Log.open(again, config().build())) {
            assertEquals(4, log.endOffset(), "batches 4 and 5 of the torn write must stay dead");
        }
    }

    /** A value whose single-record batch is exactly {@code size} bytes. */
    private static ByteBuffer valueForBatchSize(int size) {
        for (int length = 0; length < size; length++) {
            if (io.ringlog.core.format.RecordBatchEncoder.singleRecordBatchSize(length) == size) {
                return ByteBuffer.wrap(new byte[length]);
            }
        }
        throw new IllegalStateException("no value length gives a " + size + "-byte batch");
    }

    @Test
    void shouldFallBackToTheConservativeSpanWithoutARecord() throws IOException {
        Path copy = tmp.resolve("crash");
        long end = crashWithStaleBytesAfterTheEnd(copy);
        Files.delete(copy.resolve(SegmentFileNames.MAX_WRITE));
        try (Log log = Log.open(copy, config().build())) {
            assertEquals(10, log.endOffset());
            assertEquals(10, log.append(utf8("after")));
        }
        assertEquals(TAIL_BUFFER, MaxWriteCheckpoint.read(copy), "recorded again on open");
        byte[] file = Files.readAllBytes(SegmentFileNames.logFile(copy, 0));
        long after = Alignment.alignUp(end + 400);
        for (long p = after; p < file.length; p++) {
            assertEquals(0, file[(int) p], "byte " + p + ": 8 MiB span covers this 1 MiB segment");
        }
    }

    @Test
    void shouldKeepTheLargerBoundWhenReopenedWithSmallerBuffers() throws IOException {
        Path dir = tmp.resolve("log");
        try (Log log = Log.open(dir, config().maxPendingBytes(64 * 1024).build())) {
            log.append(utf8("big buffers"));
        }
        try (Log log = Log.open(dir, config().build())) {
            log.append(utf8("small buffers"));
        }
        assertEquals(64 * 1024 + Alignment.BLOCK, MaxWriteCheckpoint.read(dir));
    }
}
