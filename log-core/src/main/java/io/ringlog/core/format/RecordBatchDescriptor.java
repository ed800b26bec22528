package io.ringlog.core.format;

import java.nio.ByteBuffer;

/**
 * Layout of a Kafka RecordBatch, magic 2 (KIP-98), the unit ringlog stores on disk. All integers are
 * big-endian. The CRC is CRC-32C (Castagnoli) over the bytes from {@code attributes} to the end of the
 * batch, so {@code baseOffset}, {@code batchLength}, {@code partitionLeaderEpoch} and {@code magic}
 * can be rewritten without recomputing it (the log assigns the base offset of a producer's batch).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                       baseOffset (i64)                        |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |        batchLength (i32): bytes after this field              |  8
 *  +---------------------------------------------------------------+
 *  |                  partitionLeaderEpoch (i32)                   | 12
 *  +---------------+-----------------------------------------------+
 *  |  magic (i8)=2 |             crc (u32, CRC-32C of 21..end)     | 16
 *  +---------------+---------------+-------------------------------+
 *  |  crc (cont.)  |        attributes (i16)       | lastOffsetDelta 20
 *  +---------------+-------------------------------+---------------+
 *  |        lastOffsetDelta (i32, cont.)           | baseTimestamp   24
 *  +-----------------------------------------------+  (i64) ...    |
 *  |                 ... baseTimestamp (first record's)            | 27..34
 *  |                 maxTimestamp (i64)                            | 35..42
 *  |                 producerId (i64)                              | 43..50
 *  |  producerEpoch (i16)  |  baseSequence (i32)   | recordCount   | 51..60
 *  +---------------------------------------------------------------+
 *  |                 records ... (61 .. 12 + batchLength)          | 61
 *  +---------------------------------------------------------------+
 *
 *  attributes: bits 0-2 compression (0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd),
 *              bit 3 timestamp type (1 = log append time), bit 4 transactional,
 *              bit 5 control batch, bit 6 delete horizon set; other bits 0.
 * </pre>
 *
 * <p>The records follow; their layout is in {@link RecordDescriptor}. A batch's records cover offsets
 * {@code baseOffset .. baseOffset + lastOffsetDelta}; the next batch must start at
 * {@code baseOffset + lastOffsetDelta + 1}.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class RecordBatchDescriptor {
    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int BATCH_LENGTH_OFFSET = 8;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    public static final int MAGIC_OFFSET = 16;
    public static final int CRC_OFFSET = 17;
    public static final int ATTRIBUTES_OFFSET = 21;
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    public static final int BASE_TIMESTAMP_OFFSET = 27;
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    public static final int PRODUCER_ID_OFFSET = 43;
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    public static final int BASE_SEQUENCE_OFFSET = 53;
    public static final int RECORD_COUNT_OFFSET = 57;
    public static final int RECORDS_OFFSET = 61;

    /** Size of the batch header, and the smallest possible batch (zero records). */
    public static final int HEADER_LENGTH = RECORDS_OFFSET;
    /** Bytes before {@code batchLength}'s coverage starts: baseOffset + batchLength. */
    public static final int LOG_OVERHEAD = BATCH_LENGTH_OFFSET + 4;
    /** The smallest legal value of {@code batchLength}. */
    public static final int MIN_BATCH_LENGTH = HEADER_LENGTH - LOG_OVERHEAD;

    public static final byte MAGIC_V2 = 2;
    public static final int COMPRESSION_MASK = 0x07;
    public static final int TIMESTAMP_TYPE_MASK = 0x08;
    public static final int TRANSACTIONAL_MASK = 0x10;
    public static final int CONTROL_MASK = 0x20;
    public static final int DELETE_HORIZON_MASK = 0x40;

    /** Values Kafka uses when there is no idempotent producer / no leader epoch. */
    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;

    private RecordBatchDescriptor() {
    }

    public static long baseOffset(ByteBuffer b, int batch) {
        return b.getLong(batch + BASE_OFFSET_OFFSET);
    }

    public static int batchLength(ByteBuffer b, int batch) {
        return b.getInt(batch + BATCH_LENGTH_OFFSET);
    }

    /** Total size on disk: {@code batchLength + 12}. */
    public static int sizeInBytes(ByteBuffer b, int batch) {
        return batchLength(b, batch) + LOG_OVERHEAD;
    }

    public static byte magic(ByteBuffer b, int batch) {
        return b.get(batch + MAGIC_OFFSET);
    }

    /** The stored CRC as an unsigned 32-bit value. */
    public static long crc(ByteBuffer b, int batch) {
        return b.getInt(batch + CRC_OFFSET) & 0xFFFF_FFFFL;
    }

    public static short attributes(ByteBuffer b, int batch) {
        return b.getShort(batch + ATTRIBUTES_OFFSET);
    }

    public static int lastOffsetDelta(ByteBuffer b, int batch) {
        return b.getInt(batch + LAST_OFFSET_DELTA_OFFSET);
    }

    /** The last offset of the batch: {@code baseOffset + lastOffsetDelta}. */
    public static long lastOffset(ByteBuffer b, int batch) {
        return baseOffset(b, batch) + lastOffsetDelta(b, batch);
    }

    public static long baseTimestamp(ByteBuffer b, int batch) {
        return b.getLong(batch + BASE_TIMESTAMP_OFFSET);
    }

    public static long maxTimestamp(ByteBuffer b, int batch) {
        return b.getLong(batch + MAX_TIMESTAMP_OFFSET);
    }

    public static long producerId(ByteBuffer b, int batch) {
        return b.getLong(batch + PRODUCER_ID_OFFSET);
    }

    public static short producerEpoch(ByteBuffer b, int batch) {
        return b.getShort(batch + PRODUCER_EPOCH_OFFSET);
    }

    public static int baseSequence(ByteBuffer b, int batch) {
        return b.getInt(batch + BASE_SEQUENCE_OFFSET);
    }

    public static int recordCount(ByteBuffer b, int batch) {
        return b.getInt(batch + RECORD_COUNT_OFFSET);
    }

    /** Compression codec id (0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd). */
    public static int compression(short attributes) {
        return attributes & COMPRESSION_MASK;
    }

    /** Rewrites the base offset in place; the CRC stays valid because it starts at {@code attributes}. */
    public static void setBaseOffset(ByteBuffer b, int batch, long baseOffset) {
        b.putLong(batch + BASE_OFFSET_OFFSET, baseOffset);
    }
}
