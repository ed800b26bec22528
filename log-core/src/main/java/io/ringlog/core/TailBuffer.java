package io.ringlog.core;

import io.ringlog.io.Alignment;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * One aligned in-memory image of a range of the active segment, starting at a 4096-aligned file
 * position. Bytes {@code [0, durableLength)} are a copy of already durable bytes (the partially filled
 * last block, rewritten whole by the next write, since O_DIRECT writes whole blocks); bytes
 * {@code [durableLength, length)} are appended batches waiting for the next write. A write covers
 * {@code [0, alignUp(length))}, the bytes after {@code length} set to zero: the deterministic padding.
 *
 * <pre>
 *  file:   ... | block k (partly durable)  | block k+1 | ...
 *  buffer:     [ durable copy | new batches ........ | 0 pad ]
 *              0         durableLength          length  alignUp(length)
 *              ^ fileStart = alignDown(previous end)
 * </pre>
 *
 * <p>Thread-safety: not thread-safe; owned by the log's append lock, except that the flush leader
 * reads the memory while the lock is released (nobody writes a buffer that is being flushed).
 */
final class TailBuffer {
    private final MemorySegment memory;
    private final ByteBuffer view;
    private final MemorySegment[] slices;
    private long fileStart;
    private int length;
    private int durableLength;

    TailBuffer(MemorySegment memory) {
        this.memory = memory;
        this.view = memory.asByteBuffer();
        this.slices = new MemorySegment[(int) (memory.byteSize() / Alignment.BLOCK) + 1];
    }

    /** The big-endian view batches are encoded into (absolute positions). */
    ByteBuffer view() {
        return view;
    }

    MemorySegment memory() {
        return memory;
    }

    int capacity() {
        return view.capacity();
    }

    long fileStart() {
        return fileStart;
    }

    int length() {
        return length;
    }

    int durableLength() {
        return durableLength;
    }

    /** File position after the last byte held. */
    long endPosition() {
        return fileStart + length;
    }

    boolean hasPending() {
        return length > durableLength;
    }

    /** Space left for new batches. */
    int free() {
        return capacity() - length;
    }

    /** Records that {@code bytes} were encoded at {@link #length()}. */
    void advance(int bytes) {
        length += bytes;
    }

    /** Starts empty at an aligned file position (a fresh segment). */
    void resetAt(long alignedFileStart) {
        fileStart = alignedFileStart;
        length = 0;
        durableLength = 0;
    }

    /**
     * Continues where {@code previous} ends: copies the partially filled last block of {@code previous},
     * which becomes this buffer's durable prefix.
     */
    void continueAfter(TailBuffer previous) {
        long end = previous.endPosition();
        fileStart = Alignment.alignDown(end);
        int prefix = (int) (end - fileStart);
        if (prefix > 0) {
            MemorySegment.copy(previous.memory, fileStart - previous.fileStart, memory, 0, prefix);
        }
        length = prefix;
        durableLength = prefix;
    }

    /** Marks everything held as durable (after a successful write). */
    void markDurable() {
        durableLength = length;
    }

    /** Drops the pending bytes (after a failed write that is rolled back). */
    void dropPending() {
        length = durableLength;
    }

    /** Zero-pads to the block boundary and returns the aligned slice to write at {@link #fileStart()}. */
    MemorySegment prepareWrite() {
        int aligned = (int) Alignment.alignUp(Math.max(length, 1));
        int p = length;
        while (p < aligned && (p & 7) != 0) {
            view.put(p++, (byte) 0);
        }
        while (p < aligned) {
            view.putLong(p, 0L);
            p += Long.BYTES;
        }
        int blocks = aligned / Alignment.BLOCK;
        MemorySegment s = slices[blocks];
        if (s == null) {
            s = memory.asSlice(0, aligned);
            slices[blocks] = s;
        }
        return s;
    }
}
