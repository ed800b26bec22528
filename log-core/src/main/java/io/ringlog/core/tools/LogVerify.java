package io.ringlog.core.tools;

import io.ringlog.core.segment.SegmentFileNames;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code ringlog verify DIR}: reads every batch of every segment, checking length, magic, CRC-32C and
 * offset continuity within and across segments (like pg_waldump over a whole WAL). A sealed segment
 * that ends before the next segment's base offset is a problem; the last segment ending in an invalid
 * batch is a warning (a torn tail that recovery truncates). Read-only.
 *
 * <p>Thread-safety: not thread-safe; one verification per instance.
 */
public final class LogVerify {
    private final PrintStream out;

    public LogVerify(PrintStream out) {
        this.out = out;
    }

    public VerifyResult verify(Path dir) throws IOException {
        List<Path> files = segmentFiles(dir);
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long batches = 0;
        long bytes = 0;
        long first = files.isEmpty() ? 0 : SegmentFileNames.parseLogFile(files.getFirst().getFileName().toString());
        long next = first;
        SegmentWalker walker = new SegmentWalker();
        String previousStop = "";
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            long base = SegmentFileNames.parseLogFile(f.getFileName().toString());
            if (i > 0 && base != next) {
                problems.add("segment " + f.getFileName() + " starts at offset " + base + " but the previous one ends at "
                    + next + " (" + (base > next ? "missing offsets " + next + ".." + (base - 1) : "overlap") + "); "
                    + previousStop);
            }
            SegmentWalker.End end = walker.walk(f, base, (pos, batch) -> { });
            batches += end.batches();
            bytes += end.position();
            next = end.nextOffset();
            String where = f.getFileName() + " at position " + end.position() + ", offset " + end.nextOffset()
                + ": " + end.reason();
            previousStop = "previous segment stopped in " + where;
            if (!end.clean() && i == files.size() - 1) {
                warnings.add("torn tail in " + where + " (recovery truncates here)");
            }
        }
        VerifyResult result = new VerifyResult(files.size(), batches, first, next, bytes, problems, warnings);
        problems.forEach(p -> out.println("problem: " + p));
        warnings.forEach(w -> out.println("warning: " + w));
        out.println("verify " + dir + ": " + result.summary());
        return result;
    }

    /** The {@code .log} files of {@code dir} in base-offset order. */
    static List<Path> segmentFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*" + SegmentFileNames.LOG_SUFFIX)) {
            for (Path f : s) {
                if (SegmentFileNames.parseLogFile(f.getFileName().toString()) >= 0) {
                    files.add(f);
                }
            }
        }
        files.sort(Comparator.comparingLong(f -> SegmentFileNames.parseLogFile(f.getFileName().toString())));
        return files;
    }
}
