package io.ringlog.core.format;

import java.nio.ByteBuffer;

/**
 * Zigzag base-128 varints as Kafka (and protobuf sint32/sint64) encode them: {@code (n << 1) ^ (n >> 31)},
 * seven bits per byte, low group first, high bit set on every byte but the last. A varint takes at
 * most 5 bytes, a varlong at most 10. Reads and writes use absolute positions and allocate nothing.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class Varints {
    public static final int MAX_VARINT_BYTES = 5;
    public static final int MAX_VARLONG_BYTES = 10;

    private Varints() {
    }

    /** Bytes {@code value} takes as a zigzag varint. */
    public static int sizeOfVarint(int value) {
        int v = (value << 1) ^ (value >> 31);
        int bytes = 1;
        while ((v & 0xFFFFFF80) != 0) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }

    /** Bytes {@code value} takes as a zigzag varlong. */
    public static int sizeOfVarlong(long value) {
        long v = (value << 1) ^ (value >> 63);
        int bytes = 1;
        while ((v & 0xFFFFFFFFFFFFFF80L) != 0L) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }

    /** Writes {@code value} at {@code at}; returns the position after it. */
    public static int writeVarint(ByteBuffer b, int at, int value) {
        int v = (value << 1) ^ (value >> 31);
        int p = at;
        while ((v & 0xFFFFFF80) != 0) {
            b.put(p++, (byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.put(p++, (byte) v);
        return p;
    }

    /** Writes {@code value} at {@code at}; returns the position after it. */
    public static int writeVarlong(ByteBuffer b, int at, long value) {
        long v = (value << 1) ^ (value >> 63);
        int p = at;
        while ((v & 0xFFFFFFFFFFFFFF80L) != 0L) {
            b.put(p++, (byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.put(p++, (byte) v);
        return p;
    }

    /**
     * Reads a varint at {@code at} not beyond {@code limit}. Returns the value in the low 32 bits and the
     * number of bytes read in bits 32..39 (use {@link #value(long)} and {@link #length(long)}).
     *
     * @throws CorruptRecordException when the varint is longer than 5 bytes or runs past {@code limit}
     */
    public static long readVarint(ByteBuffer b, int at, int limit) {
        int raw = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            if (at + i >= limit) {
                throw new CorruptRecordException("varint runs past the end of the batch at " + at);
            }
            int x = b.get(at + i);
            raw |= (x & 0x7F) << (7 * i);
            if ((x & 0x80) == 0) {
                int value = (raw >>> 1) ^ -(raw & 1);
                return ((long) (i + 1) << 32) | (value & 0xFFFF_FFFFL);
            }
        }
        throw new CorruptRecordException("varint longer than 5 bytes at " + at);
    }

    /** The value part of {@link #readVarint}'s result. */
    public static int value(long packed) {
        return (int) packed;
    }

    /** The byte-count part of {@link #readVarint}'s result. */
    public static int length(long packed) {
        return (int) (packed >>> 32);
    }

    /**
     * Reads a varlong at {@code at}; stores the byte count in {@code lengthOut[0]}.
     *
     * @throws CorruptRecordException when longer than 10 bytes or past {@code limit}
     */
    public static long readVarlong(ByteBuffer b, int at, int limit, int[] lengthOut) {
        long raw = 0;
        for (int i = 0; i < MAX_VARLONG_BYTES; i++) {
            if (at + i >= limit) {
                throw new CorruptRecordException("varlong runs past the end of the batch at " + at);
            }
            long x = b.get(at + i);
            raw |= (x & 0x7F) << (7 * i);
            if ((x & 0x80) == 0) {
                lengthOut[0] = i + 1;
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new CorruptRecordException("varlong longer than 10 bytes at " + at);
    }
}
