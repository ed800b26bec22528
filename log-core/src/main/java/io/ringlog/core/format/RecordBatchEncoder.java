package io.ringlog.core.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

import static io.ringlog.core.format.RecordBatchDescriptor.*;

/**
 * Writes RecordBatch v2 batches (uncompressed, no producer id, create-time timestamps) straight into
 * a caller's buffer at absolute positions. The single-value form allocates nothing; the multi-record
 * form allocates only the UTF-8 bytes of header keys.
 *
 * <p>Thread-safety: not thread-safe (holds a reusable {@link CRC32C}); the log uses one under its append lock.
 */
public final class RecordBatchEncoder {
    private final CRC32C crc = new CRC32C();

    /** Total size of a batch holding one record with a null key, no headers and a value of {@code valueLength} (-1 null). */
    public static int singleRecordBatchSize(int valueLength) {
        int body = RecordDescriptor.bodySize(0, 0, RecordDescriptor.NULL_LENGTH, valueLength, Varints.sizeOfVarint(0));
        return HEADER_LENGTH + RecordDescriptor.recordSize(body);
    }

    /**
     * Writes everything of a one-record batch except the value bytes and the CRC; returns the position
     * where the caller must copy {@code valueLength} value bytes before calling {@link #finishSingle}.
     */
    public int beginSingle(ByteBuffer dst, int at, long baseOffset, long timestamp, int valueLength) {
        writeHeader(dst, at, baseOffset, 0, timestamp, timestamp, 1);
        int body = RecordDescriptor.bodySize(0, 0, RecordDescriptor.NULL_LENGTH, valueLength, Varints.sizeOfVarint(0));
        int p = Varints.writeVarint(dst, at + HEADER_LENGTH, body);
        dst.put(p++, RecordDescriptor.ATTRIBUTES);
        p = Varints.writeVarlong(dst, p, 0);
        p = Varints.writeVarint(dst, p, 0);
        p = Varints.writeVarint(dst, p, RecordDescriptor.NULL_LENGTH);
        return Varints.writeVarint(dst, p, valueLength);
    }

    /** Completes a batch begun with {@link #beginSingle}: header count and CRC. Returns the end position. */
    public int finishSingle(ByteBuffer dst, int at, int valuePosition, int valueLength) {
        int end = Varints.writeVarint(dst, valuePosition + Math.max(valueLength, 0), 0);
        finishBatch(dst, at, end);
        return end;
    }

    /** Encodes a one-record batch of {@code value} (null allowed) at {@code at}; returns the end position. */
    public int encodeSingle(ByteBuffer dst, int at, long baseOffset, long timestamp, ByteBuffer value) {
        int len = value == null ? RecordDescriptor.NULL_LENGTH : value.remaining();
        int valuePos = beginSingle(dst, at, baseOffset, timestamp, len);
        if (value != null) {
            dst.put(valuePos, value, value.position(), len);
        }
        return finishSingle(dst, at, valuePos, len);
    }

    /** Total size of the batch {@link #encode} writes for {@code records}. */
    public static int batchSize(List<LogRecord> records) {
        requireRecords(records);
        long base = records.getFirst().timestamp();
        long size = HEADER_LENGTH;
        for (int i = 0; i < records.size(); i++) {
            LogRecord r = records.get(i);
            int body = RecordDescriptor.bodySize(r.timestamp() - base, i, length(r.key()), length(r.value()),
                headersSize(r.headers()));
            size += RecordDescriptor.recordSize(body);
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch of " + records.size() + " records is larger than 2 GiB");
        }
        return (int) size;
    }

    /** Encodes {@code records} as one batch at {@code at}; returns the end position. */
    public int encode(ByteBuffer dst, int at, long baseOffset, List<LogRecord> records) {
        requireRecords(records);
        long base = records.getFirst().timestamp();
        long max = base;
        int p = at + HEADER_LENGTH;
        for (int i = 0; i < records.size(); i++) {
            LogRecord r = records.get(i);
            max = Math.max(max, r.timestamp());
            p = writeRecord(dst, p, i, r.timestamp() - base, r);
        }
        writeHeader(dst, at, baseOffset, records.size() - 1, base, max, records.size());
        finishBatch(dst, at, p);
        return p;
    }

    private static int writeRecord(ByteBuffer dst, int at, int offsetDelta, long timestampDelta, LogRecord r) {
        int body = RecordDescriptor.bodySize(timestampDelta, offsetDelta, length(r.key()), length(r.value()),
            headersSize(r.headers()));
        int p = Varints.writeVarint(dst, at, body);
        dst.put(p++, RecordDescriptor.ATTRIBUTES);
        p = Varints.writeVarlong(dst, p, timestampDelta);
        p = Varints.writeVarint(dst, p, offsetDelta);
        p = writeBytes(dst, p, r.key());
        p = writeBytes(dst, p, r.value());
        p = Varints.writeVarint(dst, p, r.headers().size());
        for (RecordHeader h : r.headers()) {
            byte[] k = h.key().getBytes(StandardCharsets.UTF_8);
            p = Varints.writeVarint(dst, p, k.length);
            dst.put(p, k);
            p += k.length;
            p = writeBytes(dst, p, h.value() == null ? null : ByteBuffer.wrap(h.value()));
        }
        return p;
    }

    private static int writeBytes(ByteBuffer dst, int at, ByteBuffer src) {
        if (src == null) {
            return Varints.writeVarint(dst, at, RecordDescriptor.NULL_LENGTH);
        }
        int len = src.remaining();
        int p = Varints.writeVarint(dst, at, len);
        dst.put(p, src, src.position(), len);
        return p + len;
    }

    private static void writeHeader(ByteBuffer dst, int at, long baseOffset, int lastOffsetDelta,
                                    long baseTimestamp, long maxTimestamp, int recordCount) {
        dst.putLong(at + BASE_OFFSET_OFFSET, baseOffset);
        dst.putInt(at + PARTITION_LEADER_EPOCH_OFFSET, NO_PARTITION_LEADER_EPOCH);
        dst.put(at + MAGIC_OFFSET, MAGIC_V2);
        dst.putShort(at + ATTRIBUTES_OFFSET, (short) 0);
        dst.putInt(at + LAST_OFFSET_DELTA_OFFSET, lastOffsetDelta);
        dst.putLong(at + BASE_TIMESTAMP_OFFSET, baseTimestamp);
        dst.putLong(at + MAX_TIMESTAMP_OFFSET, maxTimestamp);
        dst.putLong(at + PRODUCER_ID_OFFSET, NO_PRODUCER_ID);
        dst.putShort(at + PRODUCER_EPOCH_OFFSET, NO_PRODUCER_EPOCH);
        dst.putInt(at + BASE_SEQUENCE_OFFSET, NO_SEQUENCE);
        dst.putInt(at + RECORD_COUNT_OFFSET, recordCount);
    }

    private void finishBatch(ByteBuffer dst, int at, int end) {
        dst.putInt(at + BATCH_LENGTH_OFFSET, end - at - LOG_OVERHEAD);
        dst.putInt(at + CRC_OFFSET, (int) Crc32c.compute(crc, dst, at + ATTRIBUTES_OFFSET, end));
    }

    static int headersSize(List<RecordHeader> headers) {
        int size = Varints.sizeOfVarint(headers.size());
        for (RecordHeader h : headers) {
            size += RecordDescriptor.fieldSize(h.key().getBytes(StandardCharsets.UTF_8).length);
            size += RecordDescriptor.fieldSize(h.value() == null ? -1 : h.value().length);
        }
        return size;
    }

    private static int length(ByteBuffer b) {
        return b == null ? RecordDescriptor.NULL_LENGTH : b.remaining();
    }

    private static void requireRecords(List<LogRecord> records) {
        if (records == null || records.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one record");
        }
    }
}
