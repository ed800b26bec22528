package io.ringlog.broker.group.store;

import io.ringlog.core.Log;
import io.ringlog.core.format.LogRecord;
import io.ringlog.core.format.RecordBatchDescriptor;
import io.ringlog.core.format.RecordBatchEncoder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compaction of the group log by snapshot: the live state is appended as a fresh run of upsert records
 * (in batches of at most maxBatchBytes), then {@code deleteRecordsBefore(snapshotStart)} makes the first
 * snapshot record the log start, so log-core retires every segment wholly before it.
 *
 * <p>Crash safety, step by step (the caller holds the store's exclusive lock, so the log ends exactly at
 * the state being written): (1) a crash while the snapshot is being appended leaves the old records plus
 * a prefix of the snapshot; the snapshot records are upserts of values the old records already produce,
 * so replay gives the same state. (2) A crash after the last snapshot batch but before the start offset
 * moved: the same, with the whole snapshot. (3) {@code deleteRecordsBefore} writes the new start offset to
 * a checkpoint atomically (temporary file, fsync, rename, directory fsync): either the old start (case 2)
 * or the new one holds; from the new one replay reads the complete snapshot alone, which is the state. (4)
 * Segments are retired only after the checkpoint; a crash before that leaves files below the start
 * offset, which are never read.
 *
 * <p>Thread-safety: stateless; the caller must exclude every other append during {@link #compact}.
 */
final class GroupLogCompactor {
    private GroupLogCompactor() {
    }

    /** The live state as batches of encoded records, each batch at most {@code maxBatchBytes}. */
    static List<List<EncodedRecord>> snapshotBatches(LiveGroupState state, int maxBatchBytes) {
        List<List<EncodedRecord>> batches = new ArrayList<>();
        List<EncodedRecord> current = new ArrayList<>();
        long bytes = RecordBatchDescriptor.RECORDS_OFFSET;
        for (GroupRecord r : state.liveRecords()) {
            EncodedRecord e = GroupRecordCodec.encode(r);
            if (!current.isEmpty() && bytes + e.sizeEstimate() > maxBatchBytes) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = RecordBatchDescriptor.RECORDS_OFFSET;
            }
            current.add(e);
            bytes += e.sizeEstimate();
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** Converts encoded records to log-core records stamped {@code timestamp}. */
    static List<LogRecord> toLogRecords(List<EncodedRecord> records, long timestamp) {
        List<LogRecord> out = new ArrayList<>(records.size());
        for (EncodedRecord e : records) {
            out.add(e.toLogRecord(timestamp));
        }
        return out;
    }

    /**
     * Writes the snapshot of {@code state} and moves the log start to it.
     *
     * @return the bytes of the snapshot batches: the log's size, in replay terms, afterwards
     */
    static long compact(Log log, LiveGroupState state, int maxBatchBytes) throws IOException {
        long snapshotStart = log.endOffset();
        long written = 0;
        long now = System.currentTimeMillis();
        for (List<EncodedRecord> batch : snapshotBatches(state, maxBatchBytes)) {
            List<LogRecord> records = toLogRecords(batch, now);
            log.append(records);
            written += RecordBatchEncoder.batchSize(records);
        }
        log.deleteRecordsBefore(snapshotStart);
        return written;
    }
}
