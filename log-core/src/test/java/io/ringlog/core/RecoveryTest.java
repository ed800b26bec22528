package io.ringlog.core;

import io.ringlog.core.format.RecordBatchEncoder;
import io.ringlog.core.segment.Segment;
import io.ringlog.core.segment.SegmentFileNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static io.ringlog.core.LogTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** Torn and stale tails built by hand; each test asserts exactly where recovery truncates. */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class RecoveryTest {
    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("log");
    }

    /** Appends {@code n} records "v0".."v{n-1}" (100-byte values) and returns the crash copy. */
    private Path crashAfter(int n, Path[] lastSegment, long[] positions) throws IOException {
        try (Log log = Log.open(dir(), small().build())) {
            for (int i = 0; i < n; i++) {
                log.append(utf8(value(i)));
            }
            for (int i = 0; positions != null && i < positions.length; i++) {
                positions[i] = log.readBatches(i, 1).position();
            }
            Path copy = crashCopy(dir(), tmp.resolve("crash"));
            Segment last = log.segments().getLast();
            lastSegment[0] = copy.resolve(last.path().getFileName());
            return copy;
        }
    }

    private static String value(int i) {
        return "v" + i + "-" + "x".repeat(100);
    }

    @Test
    void zeroedTailShouldRecoverEveryAcknowledgedAppend() throws IOException {
        Path[] seg = new Path[1];
        Path copy = crashAfter(10, seg, null);
        assertFalse(Files.exists(copy.resolve(SegmentFileNames.CLEAN_SHUTDOWN)));
        try (Log log = Log.open(copy, small().build())) {
            assertEquals(10, log.endOffset());
            assertEquals(value(9), readValues(log, 9).getFirst());
            assertEquals(10, log.append(utf8("next")));
        }
    }

    @Test
    void halfWrittenBatchShouldBeCutAtItsStart() throws IOException {
        Path[] seg = new Path[1];
        long[] pos = new long[10];
        Path copy = crashAfter(10, seg, pos);
        long end = pos[9] + RecordBatchEncoder.singleRecordBatchSize(value(9).length());
        ByteBuffer batch = encode(10, "torn-" + "y".repeat(200));
        writeAt(seg[0], end, batch.limit(batch.limit() / 2));
        try (Log log = Log.open(copy, small().build())) {
            assertEquals(10, log.endOffset());
            assertEquals(end, log.segments().getLast().durableSize());
            assertEquals(10, log.append(utf8("replacement")));
            assertEquals(List.of("replacement"), readValues(log, 10));
        }
    }

    @Test
    void corruptedCrcInTheTailShouldTruncateAtThatBatch() throws IOException {
        Path[] seg = new Path[1];
        long[] pos = new long[10];
        Path copy = crashAfter(10, seg, pos);
        flipByte(seg[0], pos[6] + 70);
        try (Log log = Log.open(copy, small().build())) {
            assertEquals(6, log.endOffset());
            assertEquals(pos[6], log.segments().getLast().durableSize());
            assertEquals(value(5), readValues(log, 5).getFirst());
        }
    }

    @Test
    void staleBatchWithAnOlderOffsetAfterTheEndShouldNotBeRead() throws IOException {
        Path[] seg = new Path[1];
        long[] pos = new long[10];
        Path copy = crashAfter(10, seg, pos);
        long end = pos[9] + RecordBatchEncoder.singleRecordBatchSize(value(9).length());
        writeAt(seg[0], end, encode(3, "stale"));
        writeAt(seg[0], end + 200, encode(11, "gap"));
        try (Log log = Log.open(copy, small().build())) {
            assertEquals(10, log.endOffset());
            assertEquals(end, log.segments().getLast().durableSize());
        }
    }

    @Test
    void recycledSegmentFullOfOldBatchesShouldReadAsEmpty() throws IOException {
        Path[] seg = new Path[1];
        Path copy = crashAfter(500, seg, null);
        long next;
        try (Log log = Log.open(copy, small().build())) {
            next = log.endOffset();
        }
        Files.delete(copy.resolve(SegmentFileNames.CLEAN_SHUTDOWN));
        // A crash right after the roll renamed a recycled file (still holding offsets 0..) into place.
        Path recycled = SegmentFileNames.logFile(copy, next);
        Files.copy(SegmentFileNames.logFile(copy, 0), recycled);
        try (Log log = Log.open(copy, small().build())) {
            assertEquals(next, log.endOffset());
            assertEquals(0, log.segments().getLast().durableSize());
            assertEquals(next, log.segments().getLast().baseOffset());
            assertEquals(next, log.append(utf8("fresh")));
            assertEquals(List.of("fresh"), readValues(log, next));
        }
    }

    @Test
    void tornWriteShouldNeverResurrectLaterBatchesAfterNewAppends() throws IOException {
        Path[] seg = new Path[1];
        long[] pos = new long[10];
        Path copy = crashAfter(10, seg, pos);
        // Batch 7 torn (zeroed header) while 8 and 9 reached the disk: recovery keeps 0..6.
        writeAt(seg[0], pos[7], ByteBuffer.allocate(61));
        Path copy2;
        try (Log log = Log.open(copy, small().build())) {
            assertEquals(7, log.endOffset());
            assertEquals(7, log.append(utf8(value(7))));
            copy2 = crashCopy(copy, tmp.resolve("crash2"));
        }
        try (Log log = Log.open(copy2, small().build())) {
            assertEquals(8, log.endOffset(), "batches 8 and 9 of the old history must stay dead");
        }
    }

    @Test
    void corruptionInASealedSegmentShouldOpenReadOnlyAndReportWhere() throws IOException {
        Path[] seg = new Path[1];
        long[] pos = new long[30];
        Path copy = crashAfter(400, seg, pos);
        Path first = SegmentFileNames.logFile(copy, 0);
        Files.deleteIfExists(SegmentFileNames.indexFile(copy, 0)); // written asynchronously after the seal
        flipByte(first, pos[20] + 80);
        try (Log log = Log.open(copy, small().build())) {
            CorruptionReport report = log.corruption();
            assertNotNull(report);
            assertEquals(first, report.segment());
            assertEquals(pos[20], report.position());
            assertEquals(20, report.expectedOffset());
            assertEquals(20, log.endOffset());
            assertEquals(value(19), readValues(log, 19).getFirst());
            assertThrows(LogReadOnlyException.class, () -> log.append(utf8("no")));
        }
        try (Log log = Log.open(copy, small().corruptionPolicy(CorruptionPolicy.TRUNCATE).build())) {
            assertNull(log.corruption());
            assertEquals(20, log.endOffset());
            assertEquals(1, log.segments().size());
            assertEquals(20, log.append(utf8("after-truncation")));
        }
    }

    private static ByteBuffer encode(long offset, String value) {
        ByteBuffer b = ByteBuffer.allocate(RecordBatchEncoder.singleRecordBatchSize(value.length()));
        new RecordBatchEncoder().encodeSingle(b, 0, offset, System.currentTimeMillis(), utf8(value));
        return b;
    }

    private static void writeAt(Path file, long position, ByteBuffer bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(bytes, position);
        }
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x5A)).clear();
            ch.write(one, position);
        }
    }
}
