package io.ringlog.core;

import io.ringlog.core.segment.SegmentFileNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.io.ByteArrayOutputStream;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.ringlog.core.LogTestSupport.small;
import static io.ringlog.core.LogTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings for many logs in one process: shared preparer threads, lazy preparation, delayed recycling. */
@ExtendWith(LeakCheck.class)
class SharedResourcesTest {
    @TempDir
    Path dir;

    private static void fill(Log log, int n, String tag) throws Exception {
        for (int i = 0; i < n; i++) {
            log.append(utf8(tag + i + "-" + "q".repeat(500)));
        }
    }

    private long files(Path d, String suffix) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }

    @Test
    void logsShouldShareThePoolThreadsAndLeaveItOnClose() throws Exception {
        try (SegmentPreparerPool pool = new SegmentPreparerPool("test-preparer", 1)) {
            List<Log> logs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                logs.add(Log.open(dir.resolve("p" + i), small().preparerPool(pool).build()));
            }
            assertEquals(20, pool.size());
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("ringlog-preparer-p")), "no per-log preparer thread");
            for (Log log : logs) {
                fill(log, 300, "r"); // several segment rolls, each served by the shared thread
                assertTrue(log.segments().size() > 1);
            }
            for (Log log : logs) {
                log.close();
            }
            assertEquals(0, pool.size());
        }
    }

    @Test
    void lazyPreparationShouldPrepareOnlyOnceTheActiveSegmentIsHalfFull() throws Exception {
        try (Log log = Log.open(dir, small().lazyPreparation(true).build())) {
            Thread.sleep(100);
            assertEquals(0, files(dir, SegmentFileNames.PREPARED_SUFFIX), "idle log holds no prepared file");
            fill(log, 70); // ~36 KiB of 64 KiB
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (files(dir, SegmentFileNames.PREPARED_SUFFIX) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, files(dir, SegmentFileNames.PREPARED_SUFFIX));
            fill(log, 300);
            assertTrue(log.stats().preparerStalls() <= 5, "rolls mostly found a file ready: " + log.stats());
        }
    }

    private static void fill(Log log, int n) throws Exception {
        fill(log, n, "r");
    }

    @Test
    void aRetiredSegmentShouldStillTransferItsOriginalBytesUntilTheDelay() throws Exception {
        LogConfig config = small().retentionBytes(0).retiredSegmentDelay(Duration.ofHours(1))
            .retentionCheckInterval(Duration.ZERO).build(); // only the explicit applyRetention() below
        try (Log log = Log.open(dir, config)) {
            fill(log, 200, "old");
            FetchRange range = log.readBatches(0, 4096);
            assertNotNull(range.channel(), "sealed segment: a file range");
            byte[] original = bytes(range.read());
            log.applyRetention();
            assertTrue(log.startOffset() > 0);
            assertFalse(Files.exists(SegmentFileNames.logFile(dir, 0)), "renamed away at once");
            assertTrue(files(dir, ".retired") > 0);
            fill(log, 400, "new"); // rolls that would reuse the retired file if it were recycled now
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            range.transferTo(Channels.newChannel(out));
            assertArrayEquals(original, out.toByteArray());
        }
        assertEquals(0, files(dir, ".retired"), "close recycles what was waiting");
    }

    @Test
    void aTransferAfterTheDelayShouldFailCleanlyNeverSendOtherBytes() throws Exception {
        LogConfig config = small().retentionBytes(0).retiredSegmentDelay(Duration.ofMillis(1))
            .retentionCheckInterval(Duration.ZERO).build(); // only the explicit applyRetention() below
        try (Log log = Log.open(dir, config)) {
            fill(log, 200, "old");
            FetchRange range = log.readBatches(0, 4096);
            log.applyRetention();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (files(dir, ".retired") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            fill(log, 400, "new");
            assertThrows(ClosedChannelException.class, () -> range.transferTo(Channels.newChannel(new ByteArrayOutputStream())));
        }
    }

    @Test
    void aCrashWhileASegmentWaitsShouldNeitherResurrectNorKeepIt() throws Exception {
        LogConfig config = small().retentionBytes(0).retiredSegmentDelay(Duration.ofHours(1))
            .retentionCheckInterval(Duration.ZERO).build(); // only the explicit applyRetention() below
        Path logDir = dir.resolve("log");
        Path copy;
        try (Log log = Log.open(logDir, config)) {
            fill(log, 200, "old");
            log.applyRetention();
            copy = LogTestSupport.crashCopy(logDir, dir.resolve("crash"));
            assertTrue(files(copy, ".retired") > 0);
        }
        long start;
        try (Log log = Log.open(logDir, config)) {
            start = log.startOffset();
        }
        try (Log log = Log.open(copy, config)) {
            assertEquals(start, log.startOffset(), "retired data does not come back");
            assertEquals(0, files(copy, ".retired"));
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
