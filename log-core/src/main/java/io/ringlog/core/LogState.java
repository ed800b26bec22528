package io.ringlog.core;

import io.ringlog.core.segment.CleanShutdownMarker;
import io.ringlog.core.segment.MaxWriteCheckpoint;
import io.ringlog.core.segment.Segment;
import io.ringlog.core.segment.SegmentPreparer;
import io.ringlog.io.FileSystemOps;
import io.ringlog.io.IoBackend;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything a {@link Log} owns: directory lock, backend, preparer thread, segment map, append path,
 * log start offset, and the durable-offset notification for tailing readers. Opening and closing live
 * here; maintenance operations are in {@link LogMaintenance}.
 *
 * <p>Thread-safety: thread-safe. Lock order: the writer's append lock, then {@link #segmentsLock}.
 */
final class LogState {
    private static final Logger LOG = LoggerFactory.getLogger(LogState.class);
    private static final String LOCK_FILE = ".lock";

    private final Path dir;
    private final LogConfig config;
    private final IoBackend backend;
    private final SegmentPreparer preparer;
    private final ConcurrentSkipListMap<Long, Segment> segments;
    private final GroupCommitWriter writer;
    private final SegmentRoller roller;
    private final CorruptionReport corruption;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    final ReentrantLock segmentsLock = new ReentrantLock();
    private final Object durableMonitor = new Object();
    private volatile int tailWaiters;
    private final DurableCompletions completions = new DurableCompletions();
    private volatile long logStartOffset;
    private volatile boolean closed;
    private volatile IOException failedOutsideWriter;
    private Thread flusher;
    private AgentRunner preparerRunner;

    private LogState(Builder b) {
        this.dir = b.dir;
        this.config = b.config;
        this.backend = b.backend;
        this.preparer = b.preparer;
        this.segments = b.segments;
        this.corruption = b.corruption;
        this.lockChannel = b.lockChannel;
        this.fileLock = b.fileLock;
        this.roller = new SegmentRoller(dir, config, backend, preparer, segments);
        int capacity = BackendSelection.tailBufferBytes(config);
        this.writer = new GroupCommitWriter(dir.toString(), config, roller, segmentsLock,
            new TailBuffer(backend.allocate(capacity)), new TailBuffer(backend.allocate(capacity)), this::onDurable);
    }

    /** Mutable bag used only while opening. */
    private static final class Builder {
        Path dir;
        LogConfig config;
        IoBackend backend;
        SegmentPreparer preparer;
        ConcurrentSkipListMap<Long, Segment> segments;
        CorruptionReport corruption;
        FileChannel lockChannel;
        FileLock fileLock;
    }

    static LogState open(Path dir, LogConfig config) throws IOException {
        Files.createDirectories(dir);
        Builder b = new Builder();
        b.dir = dir;
        b.config = config;
        LogState state = null;
        try {
            lockDirectory(b);
            b.backend = BackendSelection.create(dir, config);
            LogRecovery.Result recovered = new LogRecovery(dir, config, b.backend.kind().needsDirectIo()).recover();
            b.segments = recovered.segments();
            b.corruption = recovered.corruption();
            LogState[] self = new LogState[1];
            boolean direct = b.backend.kind().needsDirectIo();
            FileSystemOps fs = config.fileSystemOps();
            b.preparer = new SegmentPreparer(dir, config.segmentBytes(), config.segmentsPreparedAhead(),
                () -> self[0].housekeeping(), (file, size) -> fs.zeroFill(file, size, direct), fs);
            state = new LogState(b);
            self[0] = state;
            state.logStartOffset = recovered.logStartOffset();
            new LogMaintenance(state).retireSegmentsBelowStart();
            state.startPreparer();
            state.startWriting(recovered);
            return state;
        } catch (IOException | RuntimeException | Error e) {
            closeAfterFailedOpen(b, state, e);
            throw e;
        }
    }

    private static void lockDirectory(Builder b) throws IOException {
        b.lockChannel = FileChannel.open(b.dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            b.fileLock = b.lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            b.fileLock = null;
        }
        if (b.fileLock == null) {
            throw new IOException("log directory " + b.dir + " is already open (lock " + LOCK_FILE + " is held)");
        }
    }

    private void startPreparer() {
        preparer.setHousekeepingInterval(config.retentionCheckInterval());
        if (config.lazyPreparation()) {
            preparer.setDemand(this::activeHalfFull);
        }
        if (config.preparerPool() != null) {
            config.preparerPool().add(preparer);
            return;
        }
        ErrorHandler onError = t -> LOG.error("segment preparer of {} failed", dir, t);
        AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), onError, null, preparer);
        AgentRunner.startOnThread(runner, r -> {
            Thread t = new Thread(r, preparer.roleName());
            t.setDaemon(true);
            return t;
        });
        preparerRunner = runner;
    }

    private void startWriting(LogRecovery.Result recovered) throws IOException {
        if (corruption != null) {
            LOG.error("log {} opened READ-ONLY: {}", dir, corruption);
            return;
        }
        ActiveSegment active;
        long end;
        // A segment taken from the pool just now had no write in flight at any crash: nothing to zero.
        boolean fresh = segments.isEmpty();
        if (fresh) {
            long base = Math.max(0, logStartOffset);
            active = roller.create(base, true);
            end = 0;
        } else {
            Segment last = segments.lastEntry().getValue();
            active = roller.open(last);
            end = last.durableSize();
        }
        try {
            active.segment().deleteIndexFiles(config.fileSystemOps());
            TailRepair.loadTail(writer.current(), active.file(), end);
            long recordedMaxWrite = MaxWriteCheckpoint.read(dir);
            if (!recovered.clean() && !fresh) {
                TailRepair.zeroAfter(writer.current(), active.file(), end,
                    TailRepair.staleEnd(end, recordedMaxWrite, config), active.segment().fileSize());
            }
            // Recorded before the first write of this size: the next unclean open zeroes only this much.
            // Only replacing a smaller record costs fsyncs (see MaxWriteCheckpoint.write).
            long maxWrite = writer.current().capacity();
            if (recordedMaxWrite < maxWrite) {
                MaxWriteCheckpoint.write(config.fileSystemOps(), dir, maxWrite, recordedMaxWrite >= 0);
            }
            CleanShutdownMarker.delete(config.fileSystemOps(), dir);
        } catch (IOException | RuntimeException e) {
            // The writer does not own the handle yet, so closing the log after this failed open would not.
            closeAfterFailure(active.file(), e);
            throw e;
        }
        writer.start(active, end, active.segment().nextOffset());
        if (config.durability() == Durability.ASYNC) {
            startFlusher();
        }
    }

    private static void closeAfterFailure(AutoCloseable file, Throwable cause) {
        try {
            file.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    private void startFlusher() {
        flusher = Thread.ofPlatform().daemon().name("ringlog-flusher-" + dir.getFileName()).start(() -> {
            writer.lock.lock();
            try {
                writer.runFlusher();
            } finally {
                writer.lock.unlock();
            }
        });
    }

    private static void closeAfterFailedOpen(Builder b, LogState state, Throwable cause) {
        try {
            if (state != null) {
                state.closed = true;
                state.stopThreads();
                state.closeResources();
                return;
            }
            if (b.segments != null) {
                for (Segment s : b.segments.values()) {
                    s.close();
                }
            }
            if (b.backend != null) {
                b.backend.close();
            }
            if (b.lockChannel != null) {
                b.lockChannel.close();
            }
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    // ------------------------------------------------------------------ accessors

    Path dir() {
        return dir;
    }

    LogConfig config() {
        return config;
    }

    IoBackend backend() {
        return backend;
    }

    GroupCommitWriter writer() {
        return writer;
    }

    SegmentRoller roller() {
        return roller;
    }

    SegmentPreparer preparer() {
        return preparer;
    }

    ConcurrentSkipListMap<Long, Segment> segments() {
        return segments;
    }

    CorruptionReport corruption() {
        return corruption;
    }

    long logStartOffsetCheckpoint() {
        return logStartOffset;
    }

    void setLogStartOffset(long offset) {
        logStartOffset = offset;
    }

    long startOffset() {
        var first = segments.firstEntry();
        long base = first == null ? 0 : first.getKey();
        return Math.max(base, logStartOffset);
    }

    long endOffset() {
        var last = segments.lastEntry();
        return last == null ? Math.max(0, logStartOffset) : last.getValue().nextOffset();
    }

    void checkOpen() {
        if (closed) {
            throw new LogClosedException("log " + dir);
        }
    }

    void checkAppendable() throws IOException {
        checkOpen();
        if (corruption != null) {
            throw new LogReadOnlyException(corruption);
        }
        IOException failed = failedOutsideWriter;
        if (failed != null) {
            throw new LogFailedException(dir.toString(), failed);
        }
    }

    /**
     * Fails the log after a durable write or flush outside the flush leader failed (truncateTo's zeroing,
     * an explicit flush): every later append and flush fails with {@code cause} until the log is
     * reopened, as after a failed append write.
     */
    void fail(IOException cause) {
        failedOutsideWriter = cause;
    }

    LogStats stats() {
        writer.lock.lock();
        try {
            return new LogStats(segments.size(), preparer.readyCount(), preparer.stalls(), preparer.created(),
                preparer.recycled(), backend.kind().externalName(), writer.appendedBatches(), writer.deviceWrites());
        } finally {
            writer.lock.unlock();
        }
    }

    /** Lazy preparation's demand: the active (last) segment holds at least half its file. */
    private boolean activeHalfFull() {
        var last = segments.lastEntry();
        return last != null && last.getValue().durableSize() * 2 >= last.getValue().fileSize();
    }

    // ------------------------------------------------------------------ durable notification

    /**
     * Called by the flush leader (append lock held) after publishing a write or failing one; wakes
     * tailing readers and completes {@link #whenDurable} futures, only when there are some.
     */
    private void onDurable() {
        if (tailWaiters > 0) {
            synchronized (durableMonitor) {
                durableMonitor.notifyAll();
            }
        }
        if (completions.waiting() > 0) {
            IOException failure = writer.failure();
            if (failure != null) {
                completions.failAll(new LogFailedException(dir.toString(), failure));
            } else {
                completions.completeBelow(endOffset());
            }
        }
    }

    /** A future completed with {@code offset} once it is durable (see {@link Log#whenDurable}). */
    java.util.concurrent.CompletableFuture<Long> whenDurable(long offset) {
        return completions.register(offset, this);
    }

    /** Waits until {@link #endOffset()} > {@code offset}; false on timeout. */
    boolean awaitEndOffsetAbove(long offset, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (durableMonitor) {
            tailWaiters++;
            try {
                while (endOffset() <= offset) {
                    checkOpen();
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    durableMonitor.wait(Math.max(1, left / 1_000_000), 0);
                }
                return true;
            } finally {
                tailWaiters--;
            }
        }
    }

    // ------------------------------------------------------------------ maintenance entry points

    void truncateTo(long offset) throws IOException {
        new LogMaintenance(this).truncateTo(offset);
    }

    void deleteRecordsBefore(long offset) throws IOException {
        new LogMaintenance(this).deleteRecordsBefore(offset);
    }

    void applyRetention() throws IOException {
        new LogMaintenance(this).applyRetention(System.currentTimeMillis());
    }

    private void housekeeping() {
        if (closed) {
            return;
        }
        try {
            applyRetention();
        } catch (IOException e) {
            LOG.warn("retention of {} failed", dir, e);
        }
    }

    // ------------------------------------------------------------------ close

    void close() throws IOException {
        if (closed) {
            return;
        }
        IOException failure = null;
        writer.lock.lock();
        try {
            if (closed) {
                return;
            }
            try {
                writer.close();
            } catch (IOException e) {
                failure = e;
            }
            closed = true;
        } finally {
            writer.lock.unlock();
        }
        synchronized (durableMonitor) {
            durableMonitor.notifyAll();
        }
        completions.failAll(new LogClosedException("log " + dir));
        stopThreads();
        preparer.runPendingTasks();
        try {
            if (failure == null && corruption == null && writer.failure() == null && failedOutsideWriter == null) {
                writeCleanShutdown();
            }
        } finally {
            closeResources();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void stopThreads() {
        if (flusher != null) {
            try {
                flusher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (preparerRunner != null) {
            preparerRunner.close();
        } else if (config.preparerPool() != null) {
            config.preparerPool().remove(preparer);
        }
    }

    private void writeCleanShutdown() throws IOException {
        ActiveSegment active = writer.active();
        if (active == null) {
            return;
        }
        Segment s = active.segment();
        s.writeIndexFiles(config.fileSystemOps());
        new CleanShutdownMarker(s.baseOffset(), s.durableSize(), s.nextOffset()).write(config.fileSystemOps(), dir);
    }

    private void closeResources() throws IOException {
        try {
            ActiveSegment active = writer.active();
            if (active != null) {
                active.file().close();
            }
            for (Segment s : segments.values()) {
                s.close();
            }
        } finally {
            backend.close();
            if (fileLock != null) {
                fileLock.release();
            }
            lockChannel.close();
        }
    }
}
