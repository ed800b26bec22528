package io.ringlog.core;

import io.ringlog.core.format.BatchView;
import io.ringlog.core.format.RecordView;
import io.ringlog.io.OpenResources;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Helpers shared by the log tests: small configs, reading everything back, crash snapshots. */
final class LogTestSupport {
    private LogTestSupport() {
    }

    /** 64 KiB segments, small buffers, one prepared segment ahead. */
    static LogConfig.Builder small() {
        return LogConfig.builder().segmentBytes(64 * 1024).maxPendingBytes(16 * 1024).maxBatchBytes(8 * 1024)
            .indexIntervalBytes(512).segmentsPreparedAhead(1);
    }

    static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static String string(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** All record values from {@code from} to the end, in order. */
    static List<String> readValues(Log log, long from) throws IOException {
        List<String> out = new ArrayList<>();
        try (LogReader r = log.reader(from)) {
            for (RecordView rec; (rec = r.nextRecord()) != null; ) {
                out.add(rec.value() == null ? null : string(rec.value()));
            }
        }
        return out;
    }

    /** Offsets of all batches from {@code from}. */
    static List<Long> batchOffsets(Log log, long from) throws IOException {
        List<Long> out = new ArrayList<>();
        try (LogReader r = log.reader(from)) {
            for (BatchView b; (b = r.nextBatch()) != null; ) {
                out.add(b.baseOffset());
            }
        }
        return out;
    }

    /**
     * Copies the log directory while the log is open: what a kill -9 would leave (every acknowledged
     * SYNC append is on the device already; no clean-shutdown marker, no index files of the tail).
     */
    static Path crashCopy(Path dir, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.equals(".lock") || name.endsWith(".tmp")) {
                    continue; // .tmp files are being written by the preparer and are deleted on open anyway
                }
                try {
                    Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                } catch (java.nio.file.NoSuchFileException renamedMeanwhile) {
                    // a prepared file renamed by a roll or the preparer while we listed: what a crash would see too
                }
            }
        }
        return to;
    }

    /** Snapshot of the leak counters. */
    static String resources() {
        return OpenResources.summary();
    }

    static void assertNoLeaks(String before) {
        assertEquals(before, OpenResources.summary(), "log-io resources leaked");
    }
}
