package io.ringlog.core;

import io.ringlog.core.format.RecordBatchEncoder;
import io.ringlog.core.segment.Segment;
import io.ringlog.io.DiskFullException;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The append path with flush-leader group commit (as Postgres's WAL flush): appenders encode their
 * batch into the current {@link TailBuffer} under a lock; the first appender that finds no write in
 * flight becomes the leader, swaps buffers, releases the lock and writes the whole buffer durably;
 * appenders arriving meanwhile fill the other buffer and wait; when the write returns, the leader
 * publishes the new durable end and wakes them, and one of them leads the next write. So one thread
 * appending alone pays no hand-off, and N threads share one device write. Only one write is ever in
 * flight, which is what keeps the rewritten tail block from having two writes in flight.
 *
 * <p>Waiting: appenders whose bytes are not yet durable park on their own thread ({@link DurableWaiters});
 * the thread that completes a write publishes {@code durableSeq} (volatile), collects under the lock
 * exactly the waiters it made durable plus one waiter of the next buffer to lead the next write,
 * releases the lock, and unparks them, the next leader first. Woken appenders return without
 * re-taking the lock.
 *
 * <p>Two strategies, chosen with {@code -Dringlog.groupCommit=leader|writer} (a measurement switch;
 * docs/benchmarks.md has the comparison): {@code leader} (default) as above; {@code writer}, a
 * dedicated writer thread does every device write and appenders only park (a thread hand-off on
 * every append, even alone).
 *
 * <p>Sequence numbers ({@code appendedSeq}, {@code durableSeq}) count bytes since open and never go
 * back, across segment rolls. A write that fails with disk full is rolled back: its appenders (and
 * those behind it) fail, the offsets are reused. Any other write failure fails the log for good.
 *
 * <p>Thread-safety: thread-safe; every field is guarded by {@link #lock}, except that the volatile
 * {@code durableSeq}, {@code epoch} and {@code failure} are also read without it by parked appenders.
 */
final class GroupCommitWriter {
    private static final int ABORT_RING = 64;
    /** Group-commit strategy: {@code leader} (flush leader, default) or {@code writer} (dedicated thread). */
    static final String MODE = System.getProperty("ringlog.groupCommit", "leader");
    private static final boolean DEDICATED_WRITER = MODE.equals("writer");
    /**
     * Gathering (a self-tuning commit delay, as Postgres's commit_delay/commit_siblings): when a write
     * of more than one append completes (or the last two groups together held more than one), the next
     * write waits until as many appends as those groups held are in the buffer, or for half the last
     * write's duration (at most {@link #MAX_GATHER_NANOS}), whichever comes first; the appender that
     * completes the group writes at once, and one waiter (the nominated leader, else the first to
     * arrive) watches the deadline. Why: with one write in flight, N closed-loop appenders split into
     * cohorts that alternate (those woken by a write re-append while the next one, which carries the
     * others, is already in flight), and a write that completes with nothing pending used to be
     * followed by a write of the first re-appender alone. A single appender never gathers (its groups
     * hold one append), so QD1 pays nothing. ON by default since the third session: on the virtio disk
     * (docs/benchmarks.md, "Gathering") it raised the appends per device write from 2.2 to 3.9 at 4
     * threads (appends/s +20-25 %, p99 lower) and from 7.3 to 11 at 16 threads (appends/s unchanged:
     * there the 2 vCPUs' context switches bound it). {@code -Dringlog.groupCommit.gather=false} turns
     * it off.
     */
    private static final boolean GATHER = Boolean.parseBoolean(System.getProperty("ringlog.groupCommit.gather", "true"));
    /** Gathering delay as a percentage of the last write's duration ({@code -Dringlog.groupCommit.gatherPercent}). */
    private static final long GATHER_PERCENT = Long.getLong("ringlog.groupCommit.gatherPercent", 50);
    /** Longest gathering delay: 200 us, about one durable 4 KiB write on the virtio disk. */
    private static final long MAX_GATHER_NANOS = 200_000;

    final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private final Condition writerWake = lock.newCondition();
    private final DurableWaiters waiters = new DurableWaiters();
    private final DurableWaiters.Settled settledCheck = this::settled;
    private boolean writerIdle;
    private Thread writerThread;
    private int progressWaiters;
    private final String dir;
    private final LogConfig config;
    private final SegmentRoller roller;
    private final java.util.concurrent.locks.Lock segmentsLock;
    private final Runnable onDurable;
    final RecordBatchEncoder encoder = new RecordBatchEncoder();
    private TailBuffer current;
    private TailBuffer spare;
    private ActiveSegment active;
    private long nextOffset;
    private long pendingMaxTimestamp = -1;
    private long appendedSeq;
    /** Written under the lock; read without it by parked appenders (acquire pairs with the release at the store). */
    private volatile long durableSeq;
    private boolean flushing;
    private volatile IOException failure;
    private volatile long epoch;
    private final long[] abortFrom = new long[ABORT_RING];
    private final IOException[] abortCause = new IOException[ABORT_RING];
    private boolean closed;
    private long deviceWrites;
    private long appendedBatches;
    /** {@link #appendedBatches} when the last write started: the batches after it are pending. */
    private long flushedBatches;
    private long lastGroup;
    /** Appends to gather before the next write, 0 when not gathering; with its deadline (nanoTime). */
    private long gatherTarget;
    private long gatherDeadline;
    /** Whether a waiter watches the current gathering deadline. */
    private boolean gatherWatched;

    GroupCommitWriter(String dir, LogConfig config, SegmentRoller roller, java.util.concurrent.locks.Lock segmentsLock,
                      TailBuffer a, TailBuffer b, Runnable onDurable) {
        this.segmentsLock = segmentsLock;
        this.dir = dir;
        this.config = config;
        this.roller = roller;
        this.current = a;
        this.spare = b;
        this.onDurable = onDurable;
    }

    /** Starts appending to {@code segment} at {@code endPosition}, whose last block is already in {@code current}. */
    void start(ActiveSegment segment, long endPosition, long next) {
        active = segment;
        nextOffset = next;
        pendingMaxTimestamp = segment.segment().maxTimestamp();
        if (current.endPosition() != endPosition) {
            throw new IllegalStateException("tail buffer ends at " + current.endPosition() + ", segment at " + endPosition);
        }
        if (DEDICATED_WRITER && config.durability() != Durability.ASYNC && writerThread == null) {
            writerThread = Thread.ofPlatform().daemon().name("ringlog-writer-" + dir).start(this::runWriter);
        }
    }

    /** Releases the append lock unless {@link #awaitDurable} already did (it returns without it). */
    void unlockIfHeld() {
        if (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }

    TailBuffer current() {
        return current;
    }

    ActiveSegment active() {
        return active;
    }

    long nextOffset() {
        return nextOffset;
    }

    /**
     * Ensures {@code size} bytes fit in the current buffer and segment, rolling the segment or waiting for
     * the in-flight write (back-pressure) as needed. Call with the lock held; returns with it held.
     */
    void reserve(int size) throws IOException {
        while (true) {
            checkWritable();
            if (current.endPosition() + size > active.segment().fileSize()) {
                roll(size);
            } else if (size > current.free()) {
                if (flushing) {
                    awaitProgress();
                } else {
                    flushAsLeader();
                }
            } else {
                return;
            }
        }
    }

    /**
     * Records a batch of {@code size} bytes encoded at the current buffer's end with offsets
     * {@code base..last}. Call with the lock held, after {@link #reserve}.
     */
    void appended(long base, long last, long maxTimestamp, int size) {
        long position = current.endPosition();
        active.segment().onBatchAppended(base, maxTimestamp, position, size, config.indexIntervalBytes());
        current.advance(size);
        nextOffset = last + 1;
        pendingMaxTimestamp = Math.max(pendingMaxTimestamp, maxTimestamp);
        appendedSeq += size;
        appendedBatches++;
    }

    /** The sequence number covering everything appended so far (pass to {@link #awaitDurable}). */
    long appendedSeq() {
        return appendedSeq;
    }

    long epoch() {
        return epoch;
    }

    /** In ASYNC mode, wakes the background flusher; otherwise nothing. */
    void signalPending() {
        if (progressWaiters > 0) {
            progress.signalAll();
        }
    }

    /**
     * Waits (leading writes when none is in flight) until the bytes up to {@code seq} are durable.
     * Call with the lock held; returns (or throws) with it RELEASED, so woken appenders never queue for
     * the lock again.
     *
     * @throws IOException the disk-full cause when the write was rolled back, or {@link LogFailedException}
     */
    void awaitDurable(long seq, long myEpoch) throws IOException {
        DurableWaiters.Waiter me = DurableWaiters.self();
        boolean nominated = false;
        try {
            while (true) {
                if (settled(seq, myEpoch)) {
                    return;
                }
                long gatherLeft = 0;
                if (!flushing && !DEDICATED_WRITER) {
                    gatherLeft = gatherRemaining();
                    if (gatherLeft <= 0) {
                        flushAndRelease(me);
                        if (settled(seq, myEpoch)) {
                            return;
                        }
                        lock.lock();
                        continue;
                    }
                }
                // One waiter of a gathering group watches its deadline (the nominated leader, else the
                // first to arrive); everyone else waits for a write, started by the appender that
                // completes the group or by the watcher.
                boolean watch = gatherLeft > 0 && (nominated || !gatherWatched);
                if (watch) {
                    gatherWatched = true;
                }
                long yieldNanos = waiters.add(me, seq) >= DurableWaiters.YIELD_MIN_WAITERS ? DurableWaiters.YIELD_NANOS : 0;
                if (writerIdle && !flushing) {
                    writerWake.signal();
                }
                lock.unlock();
                long deadline = watch ? System.nanoTime() + gatherLeft : 0;
                nominated = DurableWaiters.park(this, me, seq, myEpoch, settledCheck, deadline, yieldNanos);
                if (!nominated) {
                    return;
                }
                lock.lock();
                me.lead = false;
            }
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }

    /** Lock held: nanoseconds the next write should still wait for its group, or 0 to write now. */
    private long gatherRemaining() {
        if (gatherTarget == 0) {
            return 0;
        }
        long left = gatherDeadline - System.nanoTime();
        if (left <= 0 || appendedBatches - flushedBatches >= gatherTarget) {
            gatherTarget = 0;
            return 0;
        }
        return left;
    }

    /**
     * True when the bytes up to {@code seq} of epoch {@code myEpoch} are durable; throws when they never
     * will be. Reads {@code durableSeq} before {@code epoch}: a rollback bumps {@code epoch} before it
     * moves {@code durableSeq}, so a reader that sees the moved {@code durableSeq} also sees the new epoch.
     */
    private boolean settled(long seq, long myEpoch) throws IOException {
        boolean durable = durableSeq >= seq;
        long e = epoch;
        if (e != myEpoch) {
            int slot = (int) (myEpoch % ABORT_RING);
            if (e - myEpoch >= ABORT_RING || seq > abortFrom[slot]) {
                throw abortCause[slot];
            }
            return true;
        }
        if (durable) {
            return true;
        }
        IOException f = failure;
        if (f != null) {
            throw new LogFailedException(dir, f);
        }
        return false;
    }

    /** The dedicated writer's loop ({@code -Dringlog.groupCommit=writer}): write whenever bytes are pending. */
    private void runWriter() {
        DurableWaiters.Waiter me = DurableWaiters.self();
        lock.lock();
        try {
            while (!closed && failure == null) {
                if (current.hasPending() && !flushing) {
                    flushAndRelease(me);
                    lock.lock();
                } else {
                    writerIdle = true;
                    writerWake.awaitUninterruptibly();
                    writerIdle = false;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitProgress() {
        progressWaiters++;
        try {
            progress.awaitUninterruptibly();
        } finally {
            progressWaiters--;
        }
    }

    /** Lock held: unparks every waiter (they see the failure or the closed state) and the writer. */
    private void wakeAll() {
        DurableWaiters.Waiter me = DurableWaiters.self();
        waiters.collect(me, durableSeq, true, false);
        DurableWaiters.unparkAll(me);
        progress.signalAll();
        writerWake.signalAll();
    }

    /** Makes everything appended so far durable (ASYNC/NONE: including an fdatasync). Lock held. */
    void drain() throws IOException {
        while (flushing || current.hasPending()) {
            checkNotFailed();
            if (flushing) {
                awaitProgress();
            } else {
                flushAsLeader();
            }
        }
        checkNotFailed();
    }

    /** Background flusher body for ASYNC: flush whenever something is pending. Lock held; returns on close. */
    void runFlusher() {
        while (!closed && failure == null) {
            if (current.hasPending() && !flushing) {
                flushAsLeader();
            } else {
                awaitProgress();
            }
        }
    }

    private void roll(int size) throws IOException {
        drain();
        if (current.endPosition() + size <= active.segment().fileSize()) {
            return;
        }
        ActiveSegment next = roller.create(nextOffset, false);
        ActiveSegment old = active;
        active = next;
        current.resetAt(0);
        spare.resetAt(0);
        pendingMaxTimestamp = -1;
        roller.seal(old, segmentsLock);
    }

    /** Lock held on entry and exit; released during the device write and the wake-ups. */
    private void flushAsLeader() {
        flushAndRelease(DurableWaiters.self());
        lock.lock();
    }

    /**
     * Lock held on entry, RELEASED on return: writes the current buffer durably (lock released meanwhile),
     * publishes it, then unparks (after releasing the lock) the waiters it made durable and the next leader.
     */
    private void flushAndRelease(DurableWaiters.Waiter me) {
        flushing = true;
        gatherTarget = 0;
        long group = appendedBatches - flushedBatches;
        flushedBatches = appendedBatches;
        TailBuffer w = current;
        long targetSeq = appendedSeq;
        long targetNext = nextOffset;
        long targetMaxTs = pendingMaxTimestamp;
        long endPosition = w.endPosition();
        spare.continueAfter(w);
        current = spare;
        spare = null;
        MemorySegment slice = w.prepareWrite();
        ActiveSegment target = active;
        lock.unlock();
        long started = System.nanoTime();
        IOException error = write(target, w, slice);
        long writeNanos = System.nanoTime() - started;
        lock.lock();
        flushing = false;
        deviceWrites++;
        if (error == null) {
            w.markDurable();
            spare = w;
            target.segment().publish(endPosition, targetNext, targetMaxTs);
            durableSeq = targetSeq; // release: pairs with the acquire-load in settled()
            onDurable.run();
            // Nominate a next leader only when bytes wait and no dedicated writer exists to take them.
            boolean nominate = !DEDICATED_WRITER && current.hasPending();
            waiters.collect(me, targetSeq, false, nominate);
            startGathering(group, writeNanos);
            if (DEDICATED_WRITER && current.hasPending() && writerIdle) {
                writerWake.signal();
            }
            if (progressWaiters > 0) {
                progress.signalAll();
            }
        } else {
            onWriteFailed(w, error);
            waiters.collect(me, durableSeq, true, false);
            progress.signalAll();
            writerWake.signalAll();
            onDurable.run();
        }
        lock.unlock();
        DurableWaiters.unparkAll(me);
    }

    /** Lock held, after a write of {@code group} appends that took {@code writeNanos}: see {@link #GATHER}. */
    private void startGathering(long group, long writeNanos) {
        long pending = appendedBatches - flushedBatches;
        long expected = group + pending;
        if (GATHER && expected > 1 && lastGroup + group > 1) {
            gatherTarget = expected;
            gatherWatched = false;
            gatherDeadline = System.nanoTime() + Math.min(writeNanos * GATHER_PERCENT / 100, MAX_GATHER_NANOS);
        }
        lastGroup = group;
    }

    /** The device write itself, without the lock; returns the failure instead of throwing it. */
    private IOException write(ActiveSegment target, TailBuffer w, MemorySegment slice) {
        // A JDK FileChannel closes itself when the calling thread is interrupted during I/O, which would
        // fail the log; the leader clears its interrupt status for the write and restores it after.
        boolean interrupted = Thread.interrupted();
        try {
            if (config.durability() == Durability.NONE) {
                target.file().write(slice, w.fileStart());
            } else {
                target.file().writeDurable(slice, w.fileStart());
            }
            return null;
        } catch (IOException e) {
            return e;
        } catch (RuntimeException e) {
            return new IOException("write of " + slice.byteSize() + " bytes at " + w.fileStart() + " failed", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void onWriteFailed(TailBuffer failed, IOException error) {
        // ASYNC appenders were already acknowledged: rolling back would drop them silently and reuse
        // their offsets, so under ASYNC even disk full fails the log.
        if (!(error instanceof DiskFullException) || config.durability() == Durability.ASYNC) {
            failure = error;
            spare = failed;
            return;
        }
        int slot = (int) (epoch % ABORT_RING);
        abortFrom[slot] = durableSeq;
        abortCause[slot] = error;
        epoch++;
        durableSeq = appendedSeq;
        failed.dropPending();
        spare = current;
        current = failed;
        Segment seg = active.segment();
        nextOffset = seg.nextOffset();
        pendingMaxTimestamp = seg.maxTimestamp();
        seg.truncate(failed.endPosition(), nextOffset, seg.maxTimestamp());
    }

    private void checkWritable() throws IOException {
        if (closed) {
            throw new LogClosedException("log " + dir);
        }
        checkNotFailed();
    }

    private void checkNotFailed() throws IOException {
        if (failure != null) {
            throw new LogFailedException(dir, failure);
        }
    }

    /** Replaces the tail after a truncation: {@code current} must already hold the new last block. */
    void restart(ActiveSegment segment, long next) {
        active = segment;
        nextOffset = next;
        pendingMaxTimestamp = segment.segment().maxTimestamp();
    }

    /** Drains, marks closed and wakes everyone. Lock held. */
    void close() throws IOException {
        try {
            if (failure == null && !closed) {
                drain();
            }
        } finally {
            closed = true;
            wakeAll();
        }
    }

    /** Device writes issued since open (group commit makes this smaller than {@link #appendedBatches()}). Lock held. */
    long deviceWrites() {
        return deviceWrites;
    }

    /** Batches appended since open. Lock held. */
    long appendedBatches() {
        return appendedBatches;
    }

    boolean isClosed() {
        return closed;
    }

    IOException failure() {
        return failure;
    }
}
