package io.ringlog.core.segment;

import io.ringlog.io.FileSystemOps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static io.ringlog.core.segment.IndexFileDescriptor.OFFSET_ENTRY_SIZE;

/**
 * The sparse offset index of one segment, in memory: (relative offset, position) pairs, both strictly
 * increasing, one every {@code indexIntervalBytes} of batches. Lookups find where to start scanning
 * for an offset. Persisted in the {@code .index} layout of {@link IndexFileDescriptor}.
 *
 * <p>Thread-safety: thread-safe; all methods are synchronized (entries are added at most once per
 * index interval, so the monitor is uncontended on the append path).
 */
public final class OffsetIndex {
    private final long baseOffset;
    private int[] relativeOffsets;
    private int[] positions;
    private int count;

    /** An empty index with room for {@code expectedEntries} before it grows. */
    public OffsetIndex(long baseOffset, int expectedEntries) {
        this.baseOffset = baseOffset;
        int cap = Math.max(8, expectedEntries);
        this.relativeOffsets = new int[cap];
        this.positions = new int[cap];
    }

    /** Adds an entry for the batch with base offset {@code offset} at {@code position}; ignores non-increasing ones. */
    public synchronized void add(long offset, long position) {
        int rel = Math.toIntExact(offset - baseOffset);
        if (count > 0 && (rel <= relativeOffsets[count - 1] || position <= positions[count - 1])) {
            return;
        }
        if (count == relativeOffsets.length) {
            relativeOffsets = Arrays.copyOf(relativeOffsets, count * 2);
            positions = Arrays.copyOf(positions, count * 2);
        }
        relativeOffsets[count] = rel;
        positions[count] = Math.toIntExact(position);
        count++;
    }

    /** Position of the last indexed batch whose base offset is at most {@code offset}; 0 when none. */
    public synchronized long floorPosition(long offset) {
        int i = floorIndex(offset);
        return i < 0 ? 0 : positions[i];
    }

    /** Base offset of the batch at {@link #floorPosition}; the segment base offset when none. */
    public synchronized long floorOffset(long offset) {
        int i = floorIndex(offset);
        return i < 0 ? baseOffset : baseOffset + relativeOffsets[i];
    }

    private int floorIndex(long offset) {
        long rel = offset - baseOffset;
        int lo = 0;
        int hi = count - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (relativeOffsets[mid] <= rel) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Drops entries whose position is at or after {@code position}. */
    public synchronized void truncateToPosition(long position) {
        while (count > 0 && positions[count - 1] >= position) {
            count--;
        }
    }

    public synchronized int entries() {
        return count;
    }

    /** Position of the last entry, or 0 when empty. */
    public synchronized long lastPosition() {
        return count == 0 ? 0 : positions[count - 1];
    }

    /** Base offset of the batch of the last entry, or the segment base when empty. */
    public synchronized long lastOffset() {
        return count == 0 ? baseOffset : baseOffset + relativeOffsets[count - 1];
    }

    /** Writes the index file (replacing it) and fsyncs it. */
    public void writeTo(FileSystemOps fs, Path file) throws IOException {
        ByteBuffer out;
        synchronized (this) {
            out = ByteBuffer.allocate(count * OFFSET_ENTRY_SIZE);
            for (int i = 0; i < count; i++) {
                out.putInt(relativeOffsets[i]).putInt(positions[i]);
            }
        }
        fs.writeDurably(file, out.flip());
    }

    /**
     * Loads an index file; returns null when it is missing or fails the structural checks (length a
     * multiple of 8, strictly increasing entries, positions below {@code fileSize}).
     */
    public static OffsetIndex load(Path file, long baseOffset, long fileSize) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length % OFFSET_ENTRY_SIZE != 0) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        OffsetIndex index = new OffsetIndex(baseOffset, bytes.length / OFFSET_ENTRY_SIZE);
        while (in.hasRemaining()) {
            int rel = in.getInt();
            int pos = in.getInt();
            if (rel < 0 || pos < 0 || pos >= fileSize
                || (index.count > 0 && (rel <= index.relativeOffsets[index.count - 1]
                || pos <= index.positions[index.count - 1]))) {
                return null;
            }
            index.add(baseOffset + rel, pos);
        }
        return index;
    }
}
