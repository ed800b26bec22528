package io.ringlog.core;

import io.ringlog.core.segment.Segment;
import io.ringlog.core.segment.SegmentFileNames;
import io.ringlog.core.segment.SegmentPreparer;
import io.ringlog.io.DurableFile;
import io.ringlog.io.FileSystemOps;
import io.ringlog.io.IoBackend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentNavigableMap;

/**
 * Turns a prepared file into the next active segment: rename {@code prepared-N.segment} to
 * {@code <base>.log}, fsync the directory, open it for durable writes and register it. Also seals
 * the previous segment (writes its index files) and closes its write handle.
 *
 * <p>Thread-safety: not thread-safe; called under the log's append lock.
 */
final class SegmentRoller {
    private final Path dir;
    private final LogConfig config;
    private final IoBackend backend;
    private final SegmentPreparer preparer;
    private final ConcurrentNavigableMap<Long, Segment> segments;

    SegmentRoller(Path dir, LogConfig config, IoBackend backend, SegmentPreparer preparer,
                  ConcurrentNavigableMap<Long, Segment> segments) {
        this.dir = dir;
        this.config = config;
        this.backend = backend;
        this.preparer = preparer;
        this.segments = segments;
    }

    /** Creates and registers a new empty active segment with base offset {@code base} ({@code first}: at open, not a stall). */
    ActiveSegment create(long base, boolean first) throws IOException {
        Path prepared;
        try {
            prepared = preparer.take(config.preparerWait().toNanos(), !first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a prepared segment in " + dir);
        }
        Path logFile = SegmentFileNames.logFile(dir, base);
        FileSystemOps fs = config.fileSystemOps();
        fs.move(prepared, logFile);
        fs.deleteIfExists(SegmentFileNames.indexFile(dir, base));
        fs.deleteIfExists(SegmentFileNames.timeIndexFile(dir, base));
        fs.fsyncDirectory(dir);
        return open(new Segment(dir, base, null, null));
    }

    /** Opens {@code segment} for writing and registers it. */
    ActiveSegment open(Segment segment) throws IOException {
        DurableFile file = backend.open(segment.path(), false);
        segment.setDirectReads(backend.kind().needsDirectIo());
        segments.put(segment.baseOffset(), segment);
        return new ActiveSegment(segment, file);
    }

    /**
     * Seals {@code old}: write handle closed, reads through the page cache from now on, and its index
     * files written by the preparer thread, off the append path (they are derived data: if the process
     * dies first, recovery rebuilds them with a scan). The task skips segments retired meanwhile.
     */
    void seal(ActiveSegment old, java.util.concurrent.locks.Lock segmentsLock) throws IOException {
        old.file().close();
        Segment sealed = old.segment();
        sealed.setDirectReads(false);
        preparer.submit(() -> {
            segmentsLock.lock();
            try {
                // Skip a segment retired meanwhile, or made active again by truncateTo (its index would change).
                if (!sealed.isClosed() && segments.get(sealed.baseOffset()) == sealed
                    && segments.lastEntry().getValue() != sealed) {
                    sealed.writeIndexFiles(config.fileSystemOps());
                }
            } finally {
                segmentsLock.unlock();
            }
        });
    }
}
