package io.ringlog.core;

import io.ringlog.core.segment.CleanShutdownMarker;
import io.ringlog.core.segment.LogStartOffsetCheckpoint;
import io.ringlog.core.segment.OffsetIndex;
import io.ringlog.core.segment.ScanResult;
import io.ringlog.core.segment.Segment;
import io.ringlog.core.segment.SegmentFileNames;
import io.ringlog.core.segment.SegmentScanner;
import io.ringlog.core.segment.TimeIndex;
import io.ringlog.io.FileSystemOps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Opens the segments of a log directory: Kafka's LogSegment.recover discipline (scan, validate,
 * truncate, rebuild). Sealed segments with index files are checked from their last index entry to
 * their end; the last segment is scanned whole unless a clean-shutdown marker vouches for it. A scan
 * stops at the first batch with a bad length, magic or CRC or whose base offset is not the expected
 * continuation, so zeroed space and stale batches of a recycled file never read as records. A sealed
 * segment that ends before the next segment's base offset is corruption: reported, then handled per
 * {@link CorruptionPolicy}.
 *
 * <p>Thread-safety: not thread-safe; runs once inside {@link Log#open}.
 */
final class LogRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(LogRecovery.class);

    /**
     * @param segments       the usable segments, last one to be the active segment
     * @param logStartOffset the checkpointed start offset, or -1
     * @param clean          true when the clean-shutdown marker matched the last segment
     * @param corruption     non-null when a sealed segment was corrupt (log opens read-only under READ_ONLY)
     */
    record Result(ConcurrentSkipListMap<Long, Segment> segments, long logStartOffset, boolean clean,
                  CorruptionReport corruption) {
    }

    private final Path dir;
    private final LogConfig config;
    private final SegmentScanner scanner;
    private final boolean directReads;

    /** @param directReads scan the last segment with O_DIRECT reads (it will be written with O_DIRECT) */
    LogRecovery(Path dir, LogConfig config, boolean directReads) {
        this.dir = dir;
        this.config = config;
        this.directReads = directReads;
        this.scanner = new SegmentScanner((int) Math.min(Integer.MAX_VALUE, config.segmentBytes()));
    }

    Result recover() throws IOException {
        List<Long> bases = listSegments(dir);
        CleanShutdownMarker marker = CleanShutdownMarker.read(dir);
        long logStart = LogStartOffsetCheckpoint.read(dir);
        ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
        boolean clean = false;
        CorruptionReport corruption = null;
        ScanResult previousScan = null;
        for (int i = 0; i < bases.size(); i++) {
            long base = bases.get(i);
            Segment prev = segments.isEmpty() ? null : segments.lastEntry().getValue();
            if (prev != null && base != prev.nextOffset()) {
                corruption = new CorruptionReport(prev.path(), prev.durableSize(), prev.nextOffset(),
                    previousScan.describeStop() + "; next segment starts at offset " + base);
                LOG.error("recovery of {}: {}", dir, corruption);
                handleCorruption(bases.subList(i, bases.size()));
                break;
            }
            boolean last = i == bases.size() - 1;
            CleanShutdownMarker vouch = last && marker != null && marker.activeBaseOffset() == base ? marker : null;
            Loaded loaded = load(base, last, vouch);
            segments.put(base, loaded.segment);
            previousScan = loaded.scan;
            clean = last && loaded.clean;
        }
        if (corruption != null && config.corruptionPolicy() == CorruptionPolicy.TRUNCATE) {
            LOG.warn("recovery of {}: truncating the log at the corruption ({} policy)", dir, CorruptionPolicy.TRUNCATE);
            corruption = null;
        }
        return new Result(segments, logStart, clean, corruption);
    }

    private record Loaded(Segment segment, ScanResult scan, boolean clean) {
    }

    private Loaded load(long base, boolean last, CleanShutdownMarker vouch) throws IOException {
        if (!last || vouch != null) {
            Loaded fast = loadWithIndexes(base, vouch);
            if (fast != null) {
                return fast;
            }
        }
        Segment seg = new Segment(dir, base, new OffsetIndex(base, 64), new TimeIndex(base, 64));
        seg.setDirectReads(last && directReads);
        ScanResult scan = scanner.scan(seg, 0, base, -1, config.indexIntervalBytes());
        seg.publish(scan.endPosition(), scan.nextOffset(), scan.maxTimestamp());
        if (last) {
            LOG.info("recovered {}: {} batches, offsets {}..{}, stopped at {}", seg.path().getFileName(),
                scan.batches(), base, scan.nextOffset() - 1, scan.describeStop());
        } else {
            seg.writeIndexFiles(config.fileSystemOps());
        }
        return new Loaded(seg, scan, false);
    }

    /** Trusts the index files after checking their last entry and the batches after it; null to fall back to a full scan. */
    private Loaded loadWithIndexes(long base, CleanShutdownMarker vouch) throws IOException {
        Path logFile = SegmentFileNames.logFile(dir, base);
        OffsetIndex oi = OffsetIndex.load(SegmentFileNames.indexFile(dir, base), base, Files.size(logFile));
        TimeIndex ti = TimeIndex.load(SegmentFileNames.timeIndexFile(dir, base), base);
        if (oi == null || ti == null) {
            return null;
        }
        Segment seg = new Segment(dir, base, oi, ti);
        ScanResult scan = scanner.scan(seg, oi.lastPosition(), oi.lastOffset(), ti.maxTimestamp(),
            config.indexIntervalBytes());
        boolean entryOk = oi.entries() == 0 || scan.batches() > 0;
        boolean markerOk = vouch == null
            || (scan.endPosition() == vouch.endPosition() && scan.nextOffset() == vouch.nextOffset());
        if (!entryOk || !markerOk) {
            seg.close();
            return null;
        }
        seg.publish(scan.endPosition(), scan.nextOffset(), scan.maxTimestamp());
        return new Loaded(seg, scan, vouch != null);
    }

    private void handleCorruption(List<Long> after) throws IOException {
        if (config.corruptionPolicy() != CorruptionPolicy.TRUNCATE) {
            return;
        }
        FileSystemOps fs = config.fileSystemOps();
        for (long base : after) {
            fs.deleteIfExists(SegmentFileNames.logFile(dir, base));
            fs.deleteIfExists(SegmentFileNames.indexFile(dir, base));
            fs.deleteIfExists(SegmentFileNames.timeIndexFile(dir, base));
        }
        fs.fsyncDirectory(dir);
    }

    /** Base offsets of the {@code .log} files in {@code dir}, ascending. */
    static List<Long> listSegments(Path dir) throws IOException {
        List<Long> bases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SegmentFileNames.LOG_SUFFIX)) {
            for (Path f : files) {
                long base = SegmentFileNames.parseLogFile(f.getFileName().toString());
                if (base >= 0) {
                    bases.add(base);
                }
            }
        }
        Collections.sort(bases);
        return bases;
    }
}
