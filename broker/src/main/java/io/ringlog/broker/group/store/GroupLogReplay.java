package io.ringlog.broker.group.store;

import io.ringlog.broker.group.GroupStoreException;
import io.ringlog.core.Log;
import io.ringlog.core.LogReader;
import io.ringlog.core.format.BatchView;
import io.ringlog.core.format.CorruptRecordException;
import io.ringlog.core.format.RecordView;

import java.io.IOException;
import java.util.Iterator;

/**
 * Rebuilds the group state by reading the whole log from its start offset and applying every record in
 * order. A record that passed log-core's CRC-32C but does not decode is a bug or a foreign file: the
 * replay fails with a {@link GroupStoreException} naming the directory and the offset, rather than
 * silently dropping state.
 *
 * <p>Thread-safety: stateless; the caller must not append to the log during a replay.
 */
final class GroupLogReplay {

    /**
     * What a replay found.
     *
     * @param state    the latest state
     * @param logBytes bytes of the batches read (from the log start offset to its end)
     * @param records  records applied
     */
    record Result(LiveGroupState state, long logBytes, long records) {
    }

    private GroupLogReplay() {
    }

    static Result replay(Log log) throws GroupStoreException {
        LiveGroupState state = new LiveGroupState();
        long start = log.startOffset();
        long bytes = 0;
        long records = 0;
        try (LogReader reader = log.reader(start)) {
            for (BatchView batch; (batch = reader.nextBatch()) != null; ) {
                bytes += batch.sizeInBytes();
                records += applyBatch(log, batch, start, state);
            }
        } catch (IOException e) {
            throw new GroupStoreException("group log " + log.dir() + ": reading the log failed: " + e.getMessage(), e);
        }
        return new Result(state, bytes, records);
    }

    private static int applyBatch(Log log, BatchView batch, long start, LiveGroupState state) throws GroupStoreException {
        if (batch.isCompressed()) {
            throw refuse(log, "batch at offset " + batch.baseOffset() + " is compressed (codec " + batch.compression()
                + "); the group log never writes compressed batches", null);
        }
        int applied = 0;
        long offset = batch.baseOffset();
        try {
            for (Iterator<RecordView> it = batch.records(); it.hasNext(); ) {
                RecordView r = it.next();
                offset = r.offset();
                if (offset < start) {
                    continue;
                }
                GroupRecord record = GroupRecordCodec.decode(r.key(), r.value(), offset);
                int size = r.key().remaining() + (r.value() == null ? 0 : r.value().remaining())
                    + EncodedRecord.RECORD_OVERHEAD_BYTES;
                state.apply(record, size);
                applied++;
            }
        } catch (CorruptRecordException e) {
            throw refuse(log, "record framing after offset " + offset + " is invalid: " + e.getMessage(), e);
        } catch (GroupStoreException e) {
            throw refuse(log, e.getMessage(), e);
        }
        return applied;
    }

    private static GroupStoreException refuse(Log log, String what, Exception cause) {
        return new GroupStoreException("group log " + log.dir() + ": " + what + ". The record passed the log's CRC, so this "
            + "is a bug or a file of another format; refusing to open rather than drop group state (move the directory "
            + "aside to start with no groups)", cause);
    }
}
