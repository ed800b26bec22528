package io.ringlog.core.segment;

import io.ringlog.io.FileSystemOps;
import io.ringlog.io.NativeIoException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment file {@code <base>.log} of fixed (pre-written) size, holding RecordBatch v2 batches from
 * position 0 up to {@link #durableSize()}; bytes after that are zeros, padding or stale data of a
 * recycled file, never records. Also owns the segment's sparse indexes and a read-only channel.
 *
 * <p>Publication: the writer updates the indexes first, then {@link #publish} release-stores
 * {@code nextOffset} and {@code durableSize} (volatile), which readers acquire-load before reading;
 * so a reader never reads past durable bytes.
 *
 * <p>Thread-safety: thread-safe for readers; {@link #onBatchAppended} and {@link #publish} are called by
 * one writer at a time (the log's append lock).
 */
public final class Segment implements AutoCloseable {
    private final long baseOffset;
    private final Path dir;
    private final Path path;
    private final long fileSize;
    private volatile FileChannel readChannel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private long bytesSinceIndexEntry;
    private long maxTimestampSoFar = -1;
    private long offsetOfMaxTimestamp = -1;
    private volatile long durableSize;
    private volatile long nextOffset;
    private volatile long maxTimestamp = -1;
    private volatile boolean closed;
    private volatile boolean directReads;
    private volatile FileChannel directChannel;

    /** Opens the segment file for reading; indexes start empty unless given. */
    public Segment(Path dir, long baseOffset, OffsetIndex offsetIndex, TimeIndex timeIndex) throws IOException {
        this.dir = dir;
        this.baseOffset = baseOffset;
        this.path = SegmentFileNames.logFile(dir, baseOffset);
        try {
            this.readChannel = FileChannel.open(path, StandardOpenOption.READ);
            this.fileSize = readChannel.size();
        } catch (IOException e) {
            throw NativeIoException.fromJdk(e, "open segment for reading", path, NativeIoException.NONE,
                NativeIoException.NONE);
        }
        this.offsetIndex = offsetIndex != null ? offsetIndex : new OffsetIndex(baseOffset, 64);
        this.timeIndex = timeIndex != null ? timeIndex : new TimeIndex(baseOffset, 64);
        this.nextOffset = baseOffset;
    }

    public long baseOffset() {
        return baseOffset;
    }

    public Path path() {
        return path;
    }

    /** Size of the file on disk (fixed when prepared). */
    public long fileSize() {
        return fileSize;
    }

    /** Bytes of durable batches from position 0 (acquire-load; pairs with {@link #publish}). */
    public long durableSize() {
        return durableSize;
    }

    /** Offset after the last durable batch (the segment base when empty). */
    public long nextOffset() {
        return nextOffset;
    }

    /** Largest batch max-timestamp of the durable batches, or -1. */
    public long maxTimestamp() {
        return maxTimestamp;
    }

    public OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    public TimeIndex timeIndex() {
        return timeIndex;
    }

    /** The read-only channel, for zero-copy transfers of durable ranges. */
    public FileChannel channel() throws IOException {
        FileChannel ch = readChannel;
        return ch.isOpen() || closed ? ch : reopen(ch);
    }

    /**
     * Replaces a channel the JDK closed because a reading thread was interrupted (FileChannel's
     * interruptible-I/O rule), so one interrupted reader does not break the segment for all others.
     */
    private synchronized FileChannel reopen(FileChannel broken) throws IOException {
        if (readChannel == broken && !closed) {
            readChannel = FileChannel.open(path, StandardOpenOption.READ);
        }
        return readChannel;
    }

    /** Indexes a batch written at {@code position} (called before it is durable; readers are bounded by {@link #durableSize}). */
    public void onBatchAppended(long batchBaseOffset, long batchMaxTimestamp, long position, int size,
                                int indexIntervalBytes) {
        if (batchMaxTimestamp > maxTimestampSoFar) {
            maxTimestampSoFar = batchMaxTimestamp;
            offsetOfMaxTimestamp = batchBaseOffset;
        }
        if (bytesSinceIndexEntry >= indexIntervalBytes) {
            offsetIndex.add(batchBaseOffset, position);
            timeIndex.add(maxTimestampSoFar, offsetOfMaxTimestamp);
            bytesSinceIndexEntry = 0;
        }
        bytesSinceIndexEntry += size;
    }

    /** Makes {@code size} bytes and offsets below {@code next} visible to readers (release-store). */
    public void publish(long size, long next, long maxTs) {
        if (maxTs > maxTimestamp) {
            maxTimestamp = maxTs;
        }
        nextOffset = next;
        durableSize = size; // release: pairs with the acquire-load in durableSize()
    }

    /** Forgets everything at or after {@code position} / {@code offset} (truncation or rollback). */
    public void truncate(long position, long offset, long newMaxTimestamp) {
        offsetIndex.truncateToPosition(position);
        timeIndex.truncateToOffset(offset);
        bytesSinceIndexEntry = position - offsetIndex.lastPosition();
        maxTimestamp = newMaxTimestamp;
        maxTimestampSoFar = Math.min(maxTimestampSoFar, newMaxTimestamp);
        nextOffset = offset;
        durableSize = position;
    }

    /** Resets the bytes-since-last-entry counter after a scan rebuilt the indexes. */
    public void setBytesSinceIndexEntry(long bytes) {
        bytesSinceIndexEntry = bytes;
    }

    /**
     * While true, reads use O_DIRECT (see {@link DirectReads}): the segment is being written with
     * O_DIRECT and must not gain page-cache pages (DESIGN.md: never buffered-read the active segment).
     */
    public void setDirectReads(boolean value) {
        directReads = value;
    }

    /** True while reads bypass the page cache (the active segment of a direct-I/O log). */
    public boolean directReads() {
        return directReads;
    }

    /**
     * Reads from {@code position} into {@code dst} until it is full or the file ends; returns the bytes read.
     * Callers bound the range by {@link #durableSize()}.
     */
    public int read(ByteBuffer dst, long position) throws IOException {
        if (directReads) {
            try {
                return DirectReads.read(directChannel(), dst, position);
            } catch (IOException e) {
                throw NativeIoException.fromJdk(e, "O_DIRECT read of segment", path, position, dst.remaining());
            }
        }
        return bufferedRead(dst, position);
    }

    private FileChannel directChannel() throws IOException {
        FileChannel ch = directChannel;
        return ch != null && ch.isOpen() ? ch : openDirectChannel();
    }

    private synchronized FileChannel openDirectChannel() throws IOException {
        if (directChannel == null || !directChannel.isOpen()) {
            if (closed) {
                throw new java.nio.channels.ClosedChannelException();
            }
            directChannel = DirectReads.open(path);
        }
        return directChannel;
    }

    private int bufferedRead(ByteBuffer dst, long position) throws IOException {
        int total = 0;
        try {
            FileChannel ch = channel();
            while (dst.hasRemaining()) {
                int n = ch.read(dst, position + total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            throw NativeIoException.fromJdk(e, "read segment", path, position, dst.remaining());
        }
        return total;
    }

    /** Writes {@code .index} and {@code .timeindex} through {@code fs} (each fsynced; no directory fsync: derived data). */
    public void writeIndexFiles(FileSystemOps fs) throws IOException {
        if (offsetOfMaxTimestamp >= 0) {
            timeIndex.add(maxTimestampSoFar, offsetOfMaxTimestamp);
        }
        offsetIndex.writeTo(fs, SegmentFileNames.indexFile(dir, baseOffset));
        timeIndex.writeTo(fs, SegmentFileNames.timeIndexFile(dir, baseOffset));
    }

    /** Deletes the index files (they become stale when the segment is written again). */
    public void deleteIndexFiles(FileSystemOps fs) throws IOException {
        fs.deleteIfExists(SegmentFileNames.indexFile(dir, baseOffset));
        fs.deleteIfExists(SegmentFileNames.timeIndexFile(dir, baseOffset));
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            readChannel.close();
            if (directChannel != null) {
                directChannel.close();
            }
        }
    }

    @Override
    public String toString() {
        return "Segment[" + path.getFileName() + ", offsets " + baseOffset + ".." + (nextOffset - 1) + ", "
            + durableSize + " bytes]";
    }
}
