package io.ringlog.core;

import io.ringlog.core.segment.LogStartOffsetCheckpoint;
import io.ringlog.core.segment.Segment;
import io.ringlog.core.segment.SegmentFileNames;
import io.ringlog.io.FileSystemOps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Truncation, deleteRecordsBefore and retention. Retention and deletion work by whole segments and
 * never touch the active (last) segment; retired segment files go to the preparer's recycle pool.
 *
 * <p>Thread-safety: thread-safe through the log's locks (append lock, then segments lock).
 */
final class LogMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(LogMaintenance.class);
    private final LogState state;

    LogMaintenance(LogState state) {
        this.state = state;
    }

    void truncateTo(long offset) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        state.checkAppendable();
        GroupCommitWriter w = state.writer();
        w.lock.lock();
        state.segmentsLock.lock();
        try {
            w.drain();
            long end = state.endOffset();
            if (offset >= end) {
                return;
            }
            long start = state.startOffset();
            if (offset < start) {
                throw new OffsetOutOfRangeException(offset, start, end);
            }
            Segment target = state.segments().floorEntry(offset).getValue();
            BatchLocator.Location loc = new BatchLocator().locate(target, offset);
            try {
                truncateSegments(w, target, loc);
            } catch (IOException | RuntimeException e) {
                // Stale batches after the new end may not be zeroed: appending there could make them
                // read as a valid continuation after the next crash. Fail like any failed durable write.
                state.fail(e instanceof IOException io ? io : new IOException("truncateTo(" + offset + ") failed", e));
                throw e;
            }
            if (loc.baseOffset() < state.logStartOffsetCheckpoint()) {
                LogStartOffsetCheckpoint.write(state.config().fileSystemOps(), state.dir(), loc.baseOffset());
                state.setLogStartOffset(loc.baseOffset());
            }
            LOG.info("truncated {} to offset {} (position {} of {})", state.dir(), loc.baseOffset(),
                loc.position(), target.path().getFileName());
        } finally {
            state.segmentsLock.unlock();
            w.lock.unlock();
        }
    }

    private void truncateSegments(GroupCommitWriter w, Segment target, BatchLocator.Location loc) throws IOException {
        FileSystemOps fs = state.config().fileSystemOps();
        List<Segment> later = new ArrayList<>(state.segments().tailMap(target.baseOffset(), false).values());
        ActiveSegment active = w.active();
        if (active.segment() != target) {
            active.file().close();
            // Newest first, and durable before the target is zeroed: a power loss keeps a prefix of the
            // deletes not yet covered by a directory fsync (journaled metadata), so the segments left are
            // always contiguous, and never a later segment after a target that was already cut short
            // (recovery would see a gap and report corruption; power-loss seed 1007).
            for (Segment s : later.reversed()) {
                state.segments().remove(s.baseOffset());
                s.close();
                s.deleteIndexFiles(fs);
                fs.deleteIfExists(s.path());
            }
            active = state.roller().open(target);
        }
        long oldEnd = target.durableSize();
        try {
            target.deleteIndexFiles(fs);
            fs.fsyncDirectory(state.dir());
            target.truncate(loc.position(), loc.baseOffset(), target.maxTimestamp());
            TailRepair.loadTail(w.current(), active.file(), loc.position());
            TailRepair.zeroAfter(w.current(), active.file(), loc.position(), oldEnd, target.fileSize());
        } catch (IOException | RuntimeException e) {
            if (active != w.active()) {
                closeAfterFailure(active, e); // the writer never adopted the reopened handle
            }
            throw e;
        }
        w.restart(active, loc.baseOffset());
    }

    private static void closeAfterFailure(ActiveSegment active, Throwable cause) {
        try {
            active.file().close();
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    void deleteRecordsBefore(long offset) throws IOException {
        state.checkOpen();
        state.segmentsLock.lock();
        try {
            long end = state.endOffset();
            if (offset < 0 || offset > end) {
                throw new OffsetOutOfRangeException(offset, state.startOffset(), end);
            }
            if (offset <= state.startOffset()) {
                return;
            }
            LogStartOffsetCheckpoint.write(state.config().fileSystemOps(), state.dir(), offset);
            state.setLogStartOffset(offset);
            boolean retired = false;
            while (state.segments().size() > 1) {
                Map.Entry<Long, Segment> first = state.segments().firstEntry();
                if (first.getValue().nextOffset() > offset) {
                    break;
                }
                retire(first.getValue());
                retired = true;
            }
            if (retired) {
                state.config().fileSystemOps().fsyncDirectory(state.dir());
            }
        } finally {
            state.segmentsLock.unlock();
        }
    }

    /** At open: retires whole sealed segments below the checkpointed start (a crash can leave them behind). */
    void retireSegmentsBelowStart() throws IOException {
        state.segmentsLock.lock();
        try {
            long start = state.logStartOffsetCheckpoint();
            boolean retired = false;
            while (state.segments().size() > 1 && state.segments().firstEntry().getValue().nextOffset() <= start) {
                retire(state.segments().firstEntry().getValue());
                retired = true;
            }
            if (retired) {
                state.config().fileSystemOps().fsyncDirectory(state.dir());
            }
        } finally {
            state.segmentsLock.unlock();
        }
    }

    void applyRetention(long nowMillis) throws IOException {
        LogConfig config = state.config();
        if (config.retentionBytes() < 0 && config.retentionTime() == null) {
            return;
        }
        state.segmentsLock.lock();
        try {
            int retired = 0;
            long total = 0;
            for (Segment s : state.segments().values()) {
                total += s.durableSize();
            }
            while (state.segments().size() > 1) {
                Segment oldest = state.segments().firstEntry().getValue();
                if (!expired(oldest, total, nowMillis, config)) {
                    break;
                }
                total -= oldest.durableSize();
                retire(oldest);
                retired++;
            }
            if (retired > 0) {
                state.config().fileSystemOps().fsyncDirectory(state.dir());
                LOG.info("retention retired {} segment(s) of {}; log now starts at offset {}", retired,
                    state.dir(), state.startOffset());
            }
        } finally {
            state.segmentsLock.unlock();
        }
    }

    private static boolean expired(Segment s, long total, long nowMillis, LogConfig config) {
        boolean bySize = config.retentionBytes() >= 0 && total - s.durableSize() >= config.retentionBytes();
        boolean byTime = config.retentionTime() != null && s.maxTimestamp() >= 0
            && s.maxTimestamp() < nowMillis - config.retentionTime().toMillis();
        return bySize || byTime;
    }

    /**
     * Removes a sealed segment from the log and hands its file to the recycle pool, at once or, with a
     * {@code retiredSegmentDelay}, after that delay with its read channel still open for sends already
     * handed out (see {@link io.ringlog.core.segment.SegmentPreparer#retireLater}). Segments lock held;
     * the caller fsyncs the directory.
     */
    private void retire(Segment s) throws IOException {
        state.segments().remove(s.baseOffset());
        FileSystemOps fs = state.config().fileSystemOps();
        fs.deleteIfExists(SegmentFileNames.indexFile(state.dir(), s.baseOffset()));
        fs.deleteIfExists(SegmentFileNames.timeIndexFile(state.dir(), s.baseOffset()));
        long delay = state.config().retiredSegmentDelay().toNanos();
        if (delay > 0) {
            state.preparer().retireLater(s.path(), s, delay);
            return;
        }
        s.close();
        state.preparer().recycle(s.path());
    }
}
