package io.ringlog.core;

import io.ringlog.core.segment.SegmentFileNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.ringlog.core.LogTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class RetentionTest {
    @TempDir
    Path dir;

    private static void fill(Log log, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            log.append(utf8("r" + i + "-" + "q".repeat(500)));
        }
    }

    @Test
    void sizeRetentionShouldRetireOldestSealedSegmentsIntoTheRecyclePool() throws Exception {
        try (Log log = Log.open(dir, small().retentionBytes(100 * 1024).segmentsPreparedAhead(2).build())) {
            fill(log, 800);
            log.applyRetention();
            long total = log.segments().stream().mapToLong(s -> s.durableSize()).sum();
            assertTrue(total >= 100 * 1024 && total - log.segments().getFirst().durableSize() < 100 * 1024,
                "total " + total);
            assertTrue(log.startOffset() > 0);
            assertEquals(log.segments().getFirst().baseOffset(), log.startOffset());
            assertFalse(Files.exists(SegmentFileNames.logFile(dir, 0)));
            assertTrue(log.stats().segmentsRecycled() > 0, "retired files recycled: " + log.stats());
            List<String> values = readValues(log, log.startOffset());
            assertEquals("r799", values.getLast().split("-")[0]);
            assertThrows(OffsetOutOfRangeException.class, () -> log.reader(0));
            long created = log.stats().segmentsCreated();
            fill(log, 400);
            assertTrue(log.stats().segmentsRecycled() > 0);
            System.out.println("created " + created + " -> " + log.stats().segmentsCreated() + ", recycled "
                + log.stats().segmentsRecycled());
        }
    }

    @Test
    void timeRetentionShouldNeverDeleteTheActiveSegment() throws Exception {
        try (Log log = Log.open(dir, small().retentionTime(Duration.ZERO).build())) {
            fill(log, 300);
            Thread.sleep(5);
            log.applyRetention();
            assertEquals(1, log.segments().size());
            assertEquals(log.segments().getFirst().baseOffset(), log.startOffset());
            assertEquals(300, log.endOffset());
        }
    }

    @Test
    void deleteRecordsBeforeShouldMoveTheStartAndSurviveReopen() throws Exception {
        try (Log log = Log.open(dir, small().build())) {
            fill(log, 400);
            log.deleteRecordsBefore(250);
            assertEquals(250, log.startOffset());
            assertEquals("r250", readValues(log, 250).getFirst().split("-")[0]);
            assertThrows(OffsetOutOfRangeException.class, () -> log.reader(249));
            assertThrows(OffsetOutOfRangeException.class, () -> log.deleteRecordsBefore(401));
        }
        try (Log log = Log.open(dir, small().build())) {
            assertEquals(250, log.startOffset());
            assertEquals(400, log.endOffset());
        }
    }

    @Test
    void retiredFilesShouldNeverShowUpAsSegments() throws Exception {
        try (Log log = Log.open(dir, small().retentionBytes(0).build())) {
            fill(log, 600);
            log.applyRetention();
            assertEquals(1, log.segments().size());
        }
        try (Stream<Path> files = Files.list(dir)) {
            long logs = files.filter(p -> p.toString().endsWith(".log")).count();
            assertEquals(1, logs);
        }
        try (Log log = Log.open(dir, small().build())) {
            assertEquals(600, log.endOffset());
        }
    }
}
