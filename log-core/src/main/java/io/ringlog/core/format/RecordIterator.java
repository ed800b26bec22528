package io.ringlog.core.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import static io.ringlog.core.format.RecordBatchDescriptor.*;

/**
 * Decodes the records of one uncompressed RecordBatch v2 in order (layout: {@link RecordDescriptor}).
 * Keys and values are read-only slices of the batch buffer.
 *
 * <p>Thread-safety: not thread-safe; one iterator per thread.
 */
final class RecordIterator implements Iterator<RecordView> {
    private final ByteBuffer batch;
    private final long baseOffset;
    private final long baseTimestamp;
    private final int count;
    private final int end;
    private final int[] varlongLength = new int[1];
    private int position;
    private int index;

    /** Iterates the batch that starts at {@code at} in {@code batch}. */
    RecordIterator(ByteBuffer batch, int at) {
        this.batch = batch;
        this.baseOffset = baseOffset(batch, at);
        this.baseTimestamp = baseTimestamp(batch, at);
        this.count = recordCount(batch, at);
        this.end = at + LOG_OVERHEAD + batchLength(batch, at);
        this.position = at + HEADER_LENGTH;
    }

    @Override
    public boolean hasNext() {
        return index < count;
    }

    @Override
    public RecordView next() {
        if (!hasNext()) {
            throw new NoSuchElementException("batch at offset " + baseOffset + " has " + count + " records");
        }
        long lengthField = Varints.readVarint(batch, position, end);
        int bodyStart = position + Varints.length(lengthField);
        int bodyEnd = bodyStart + Varints.value(lengthField);
        if (Varints.value(lengthField) < 0 || bodyEnd > end) {
            throw new CorruptRecordException("record " + index + " of batch " + baseOffset + " overruns the batch");
        }
        int p = bodyStart + 1; // attributes byte
        long tsDelta = Varints.readVarlong(batch, p, bodyEnd, varlongLength);
        p += varlongLength[0];
        long od = Varints.readVarint(batch, p, bodyEnd);
        p += Varints.length(od);
        long keyLen = Varints.readVarint(batch, p, bodyEnd);
        p += Varints.length(keyLen);
        ByteBuffer key = slice(p, Varints.value(keyLen), bodyEnd);
        p += Math.max(0, Varints.value(keyLen));
        long valueLen = Varints.readVarint(batch, p, bodyEnd);
        p += Varints.length(valueLen);
        ByteBuffer value = slice(p, Varints.value(valueLen), bodyEnd);
        p += Math.max(0, Varints.value(valueLen));
        List<RecordHeader> headers = readHeaders(p, bodyEnd);
        position = bodyEnd;
        index++;
        return new RecordView(baseOffset + Varints.value(od), baseTimestamp + tsDelta, key, value, headers);
    }

    private List<RecordHeader> readHeaders(int at, int bodyEnd) {
        long countField = Varints.readVarint(batch, at, bodyEnd);
        int n = Varints.value(countField);
        if (n < 0) {
            throw new CorruptRecordException("negative header count in batch " + baseOffset);
        }
        int p = at + Varints.length(countField);
        List<RecordHeader> headers = n == 0 ? List.of() : new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long kl = Varints.readVarint(batch, p, bodyEnd);
            p += Varints.length(kl);
            ByteBuffer k = slice(p, Varints.value(kl), bodyEnd);
            if (k == null) {
                throw new CorruptRecordException("null header key in batch " + baseOffset);
            }
            p += Varints.value(kl);
            long vl = Varints.readVarint(batch, p, bodyEnd);
            p += Varints.length(vl);
            ByteBuffer v = slice(p, Varints.value(vl), bodyEnd);
            p += Math.max(0, Varints.value(vl));
            byte[] value = null;
            if (v != null) {
                value = new byte[v.remaining()];
                v.get(value);
            }
            headers.add(new RecordHeader(StandardCharsets.UTF_8.decode(k).toString(), value));
        }
        return headers;
    }

    private ByteBuffer slice(int at, int length, int limit) {
        if (length < 0) {
            return null;
        }
        if (at + length > limit) {
            throw new CorruptRecordException("field of " + length + " bytes overruns its record in batch " + baseOffset);
        }
        return batch.slice(at, length).asReadOnlyBuffer();
    }
}
