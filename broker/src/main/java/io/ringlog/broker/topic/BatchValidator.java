package io.ringlog.broker.topic;

import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.record.DefaultRecordBatch;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.RecordBatch;

import java.nio.ByteBuffer;
import java.util.Iterator;

/**
 * Checks one partition's produce payload before it reaches the log, without decompressing: exactly
 * one RecordBatch of magic 2 filling the payload exactly (as Kafka requires since produce v3), a valid CRC-32C (which covers attributes to
 * the end, so it also protects the compressed records), size within max.message.bytes, a positive
 * record count that agrees with lastOffsetDelta, a known compression codec, and no control or
 * transactional batch (transactions are not supported).
 *
 * <p>Records inside a batch are not parsed: a client that writes a well-checksummed batch of
 * malformed records only harms its own consumers, never the broker.
 *
 * <p>Thread-safety: stateless.
 */
public final class BatchValidator {
    private static final int MAGIC_OFFSET = 16;
    /** Offset of the batch length field; the length counts the bytes after it (offset 12 on). */
    private static final int LENGTH_OFFSET = 8;
    private static final int LOG_OVERHEAD = 12;

    private BatchValidator() {
    }

    /**
     * @return a view of the single batch, over {@code payload}'s buffer
     * @throws CorruptRecordException  truncated or overlong batch, bad CRC (CORRUPT_MESSAGE)
     * @throws InvalidRecordException  wrong magic, more than one batch, bad count, codec or batch type
     *                                 (INVALID_RECORD)
     * @throws RecordTooLargeException above {@code maxBatchBytes} (MESSAGE_TOO_LARGE)
     */
    public static RecordBatch validate(BaseRecords payload, int maxBatchBytes) {
        if (!(payload instanceof MemoryRecords records) || records.sizeInBytes() == 0) {
            throw new InvalidRecordException("produce payload must hold one record batch");
        }
        ByteBuffer buffer = records.buffer();
        // The magic byte sits at offset 16 in every format version (v0/v1 messages and v2 batches).
        if (buffer.remaining() > MAGIC_OFFSET && buffer.get(buffer.position() + MAGIC_OFFSET) != RecordBatch.MAGIC_VALUE_V2) {
            throw new InvalidRecordException("record batch magic " + buffer.get(buffer.position() + MAGIC_OFFSET)
                + " is not supported, only 2");
        }
        if (buffer.remaining() < DefaultRecordBatch.RECORD_BATCH_OVERHEAD) {
            throw new CorruptRecordException("payload of " + buffer.remaining() + " bytes is shorter than a batch header");
        }
        int declared = buffer.getInt(buffer.position() + LENGTH_OFFSET) + LOG_OVERHEAD;
        if (declared > buffer.remaining() || declared < DefaultRecordBatch.RECORD_BATCH_OVERHEAD) {
            throw new CorruptRecordException("batch length " + declared + " does not fit the payload of "
                + buffer.remaining() + " bytes");
        }
        if (declared < buffer.remaining()) {
            throw new InvalidRecordException("exactly one record batch per partition is accepted; "
                + (buffer.remaining() - declared) + " bytes follow the first batch");
        }
        if (declared > maxBatchBytes) {
            throw new RecordTooLargeException("batch of " + declared + " bytes exceeds max.message.bytes " + maxBatchBytes);
        }
        Iterator<MutableRecordBatch> it = records.batches().iterator();
        MutableRecordBatch batch = it.next();
        if (!batch.isValid()) {
            throw new CorruptRecordException("record batch CRC mismatch");
        }
        checkHeader(batch);
        return batch;
    }

    private static void checkHeader(RecordBatch batch) {
        Integer count = batch.countOrNull();
        if (count == null || count <= 0) {
            throw new InvalidRecordException("record batch has no records");
        }
        if (batch.lastOffset() - batch.baseOffset() != count - 1) {
            throw new InvalidRecordException("record count " + count + " disagrees with lastOffsetDelta "
                + (batch.lastOffset() - batch.baseOffset()));
        }
        try {
            batch.compressionType();
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("unknown compression codec: " + e.getMessage());
        }
        if (batch.isControlBatch() || batch.isTransactional()) {
            throw new InvalidRecordException("transactional and control batches are not supported");
        }
        if (batch.hasProducerId() && batch.baseSequence() < 0) {
            throw new InvalidRecordException("idempotent batch without a base sequence");
        }
    }
}
