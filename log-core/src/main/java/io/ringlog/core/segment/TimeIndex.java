package io.ringlog.core.segment;

import io.ringlog.io.FileSystemOps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static io.ringlog.core.segment.IndexFileDescriptor.TIME_ENTRY_SIZE;

/**
 * The sparse time index of one segment, in memory: (max timestamp so far, relative offset of the batch
 * where it was reached), both strictly increasing. {@link #startOffsetFor(long)} tells where a scan for
 * the first batch with max timestamp >= t can start. Persisted in the {@code .timeindex} layout.
 *
 * <p>Thread-safety: thread-safe; all methods are synchronized.
 */
public final class TimeIndex {
    private final long baseOffset;
    private long[] timestamps;
    private int[] relativeOffsets;
    private int count;

    public TimeIndex(long baseOffset, int expectedEntries) {
        this.baseOffset = baseOffset;
        int cap = Math.max(8, expectedEntries);
        this.timestamps = new long[cap];
        this.relativeOffsets = new int[cap];
    }

    /** Records that the batch at {@code offset} raised the segment's max timestamp to {@code timestamp}. */
    public synchronized void add(long timestamp, long offset) {
        int rel = Math.toIntExact(offset - baseOffset);
        if (count > 0 && (timestamp <= timestamps[count - 1] || rel <= relativeOffsets[count - 1])) {
            return;
        }
        if (count == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, count * 2);
            relativeOffsets = Arrays.copyOf(relativeOffsets, count * 2);
        }
        timestamps[count] = timestamp;
        relativeOffsets[count] = rel;
        count++;
    }

    /**
     * An offset from which scanning forward finds the first batch whose max timestamp is >= {@code ts}:
     * the offset of the last entry with timestamp < {@code ts} (batches before it are all older), or the
     * segment base.
     */
    public synchronized long startOffsetFor(long ts) {
        int lo = 0;
        int hi = count - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (timestamps[mid] < ts) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? baseOffset : baseOffset + relativeOffsets[found];
    }

    /** Drops entries at or after {@code offset}. */
    public synchronized void truncateToOffset(long offset) {
        while (count > 0 && baseOffset + relativeOffsets[count - 1] >= offset) {
            count--;
        }
    }

    /** The largest timestamp indexed, or -1 when empty. */
    public synchronized long maxTimestamp() {
        return count == 0 ? -1 : timestamps[count - 1];
    }

    public synchronized int entries() {
        return count;
    }

    /** Writes the {@code .timeindex} file (replacing it) and fsyncs it. */
    public void writeTo(FileSystemOps fs, Path file) throws IOException {
        ByteBuffer out;
        synchronized (this) {
            out = ByteBuffer.allocate(count * TIME_ENTRY_SIZE);
            for (int i = 0; i < count; i++) {
                out.putLong(timestamps[i]).putInt(relativeOffsets[i]);
            }
        }
        fs.writeDurably(file, out.flip());
    }

    /** Loads a time index file; null when missing or not strictly increasing. */
    public static TimeIndex load(Path file, long baseOffset) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length % TIME_ENTRY_SIZE != 0) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        TimeIndex index = new TimeIndex(baseOffset, bytes.length / TIME_ENTRY_SIZE);
        while (in.hasRemaining()) {
            long ts = in.getLong();
            int rel = in.getInt();
            if (rel < 0 || (index.count > 0 && (ts <= index.timestamps[index.count - 1]
                || rel <= index.relativeOffsets[index.count - 1]))) {
                return null;
            }
            index.add(ts, baseOffset + rel);
        }
        return index;
    }
}
