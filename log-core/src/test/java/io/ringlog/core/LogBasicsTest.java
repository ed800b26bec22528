package io.ringlog.core;

import io.ringlog.core.format.LogRecord;
import io.ringlog.core.format.RecordHeader;
import io.ringlog.core.format.RecordView;
import io.ringlog.core.segment.SegmentFileNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.ringlog.core.LogTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class LogBasicsTest {
    @TempDir
    Path dir;

    @Test
    void shouldAppendAndReadBackInOrder() throws Exception {
        String before = resources();
        try (Log log = Log.open(dir, small().build())) {
            assertEquals(0, log.startOffset());
            assertEquals(0, log.endOffset());
            assertEquals(0, log.append(utf8("a")));
            assertEquals(1, log.append(utf8("b")));
            assertEquals(2, log.endOffset());
            assertEquals(List.of("a", "b"), readValues(log, 0));
            assertEquals(List.of("b"), readValues(log, 1));
        }
        assertNoLeaks(before);
    }

    @Test
    void shouldAppendMemorySegmentsAndRecordBatches() throws Exception {
        try (Log log = Log.open(dir, small().build()); Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocateFrom("segment-value");
            assertEquals(0, log.append(value.asSlice(0, value.byteSize() - 1)));
            List<LogRecord> batch = List.of(
                new LogRecord(utf8("k"), utf8("v1"), List.of(new RecordHeader("h", new byte[] {1})), 1000),
                LogRecord.of(null, "v2".getBytes(), 1001));
            assertEquals(1, log.append(batch));
            assertEquals(3, log.endOffset());
            try (LogReader r = log.reader(0)) {
                assertEquals("segment-value", string(r.nextRecord().value()));
                RecordView first = r.nextRecord();
                assertEquals(1, first.offset());
                assertEquals("k", string(first.key()));
                assertEquals(1000, first.timestamp());
                assertEquals(List.of(new RecordHeader("h", new byte[] {1})), first.headers());
                assertEquals(2, r.nextRecord().offset());
                assertNull(r.nextRecord());
            }
        }
    }

    @Test
    void shouldRollSegmentsAndReadAcrossThem() throws Exception {
        List<String> expected = new ArrayList<>();
        try (Log log = Log.open(dir, small().build())) {
            for (int i = 0; i < 400; i++) {
                String v = "value-" + i + "-" + "x".repeat(400);
                expected.add(v);
                assertEquals(i, log.append(utf8(v)));
            }
            assertTrue(log.segments().size() >= 3, "segments: " + log.segments());
            assertEquals(expected, readValues(log, 0));
            assertEquals(expected.subList(250, 400), readValues(log, 250));
            assertEquals(0, log.stats().preparerStalls() > 1000 ? -1 : 0);
        }
        assertTrue(Files.exists(SegmentFileNames.logFile(dir, 0)));
        assertTrue(Files.exists(SegmentFileNames.indexFile(dir, 0)), "sealed segment has an index file");
    }

    @Test
    void shouldReopenAfterCleanCloseWithoutLosingAnything() throws Exception {
        try (Log log = Log.open(dir, small().build())) {
            for (int i = 0; i < 300; i++) {
                log.append(utf8("v" + i + "-".repeat(300)));
            }
        }
        assertTrue(Files.exists(dir.resolve(SegmentFileNames.CLEAN_SHUTDOWN)));
        try (Log log = Log.open(dir, small().build())) {
            assertFalse(Files.exists(dir.resolve(SegmentFileNames.CLEAN_SHUTDOWN)), "marker deleted on open");
            assertEquals(300, log.endOffset());
            assertEquals(300, log.append(utf8("after")));
            List<String> values = readValues(log, 295);
            assertEquals("after", values.getLast());
            assertEquals(6, values.size());
        }
    }

    @Test
    void shouldRejectBadArguments() throws Exception {
        try (Log log = Log.open(dir, small().build())) {
            assertThrows(RecordTooLargeException.class, () -> log.append(ByteBuffer.allocate(9000)));
            assertThrows(OffsetOutOfRangeException.class, () -> log.reader(1));
            assertThrows(OffsetOutOfRangeException.class, () -> log.reader(-1));
            assertThrows(InvalidBatchException.class, () -> log.appendBatch(ByteBuffer.allocate(100)));
            assertThrows(IllegalArgumentException.class, () -> log.append(List.of()));
        }
        Log closed = Log.open(dir, small().build());
        closed.close();
        closed.close();
        assertThrows(LogClosedException.class, () -> closed.append(utf8("x")));
    }

    @Test
    void shouldRefuseASecondOpenOfTheSameDirectory() throws Exception {
        try (Log log = Log.open(dir, small().build())) {
            assertThrows(java.io.IOException.class, () -> Log.open(dir, small().build()));
        }
    }

    @Test
    void shouldStoreNullValues() throws Exception {
        try (Log log = Log.open(dir, small().build())) {
            log.append((ByteBuffer) null);
            assertEquals(java.util.Arrays.asList((String) null), readValues(log, 0));
        }
    }
}
