package io.ringlog.reliability;

import io.ringlog.core.FetchRange;
import io.ringlog.core.Log;
import io.ringlog.core.LogReader;
import io.ringlog.core.format.RecordView;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a log must hold after any crash: every acknowledged record (offset -> payload id), never a
 * record that was not written, never one that a completed truncateTo removed or that an earlier
 * recovery did not return (no resurrection), and no hole. {@link #verify} checks a reopened log
 * against it and then adopts what the recovery returned.
 *
 * <p>Thread-safety: appenders may call {@link #nextId}, {@link #written} and {@link #acknowledged}
 * concurrently; {@link #verify} and the maintenance notes run while no append is in progress.
 */
final class LogModel {
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Integer> writtenIds = new ConcurrentHashMap<>();
    private final NavigableMap<Long, Long> acked = new ConcurrentSkipListMap<>();
    private final Set<Long> forbidden = ConcurrentHashMap.newKeySet();
    /**
     * Records below the start offset at a verification (offset -> id): removed by retention, which is
     * durable only at its directory fsync, so a power loss before it brings them back, at the same
     * offsets (the start offset goes back, as in Kafka). They may reappear; nothing else that vanished may.
     */
    private final Map<Long, Long> retired = new ConcurrentHashMap<>();
    private volatile long minStart;

    long nextId() {
        return ids.getAndIncrement();
    }

    /** Called before the append: the record may from now on be found in the log. */
    void written(long id, int bodyLength) {
        writtenIds.put(id, bodyLength);
    }

    /** Called after the append returned {@code offset}. */
    void acknowledged(long offset, long id) {
        acked.put(offset, id);
    }

    /**
     * Before {@code truncateTo(offset)}: the records from {@code offset} on are no longer expected (a
     * crash during the truncation may leave them or not); returns their ids for {@link #truncated}.
     */
    java.util.Collection<Long> truncating(long offset) {
        NavigableMap<Long, Long> gone = acked.tailMap(offset, true);
        java.util.List<Long> ids = java.util.List.copyOf(gone.values());
        gone.clear();
        return ids;
    }

    /** After {@code truncateTo} returned: the removed records must never be read again. */
    void truncated(java.util.Collection<Long> ids) {
        forbidden.addAll(ids);
    }

    /** After a completed {@code deleteRecordsBefore(offset)}: the start offset is at least {@code offset}. */
    void startAtLeast(long offset) {
        minStart = Math.max(minStart, offset);
    }

    long lastAckedOffset() {
        return acked.isEmpty() ? -1 : acked.lastKey();
    }

    /** Checks {@code log} (just recovered), then adopts its records as the new truth; throws AssertionError. */
    void verify(Log log, String context) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                verifyOnce(log, context);
                return;
            } catch (io.ringlog.core.OffsetOutOfRangeException retired) {
                // Retention on the preparer thread retired the segment being read (a documented reader
                // race): read again from the new start offset.
                if (attempt == 5) {
                    throw retired;
                }
            }
        }
    }

    private void verifyOnce(Log log, String context) throws IOException {
        long start = log.startOffset();
        long end = log.endOffset();
        check(log.corruption() == null, context, "recovery reported corruption: " + log.corruption());
        check(start >= minStart, context, "start offset " + start + " is below a durable deleteRecordsBefore(" + minStart + ")");
        check(end > lastAckedOffset(), context, "acknowledged offset " + lastAckedOffset() + " lost: end offset is " + end);
        Set<Long> seen = readAll(log, start, end, context);
        NavigableMap<Long, Long> below = acked.headMap(start, false);
        retired.putAll(below);
        below.clear();
        Set<Long> retiredIds = new HashSet<>(retired.values());
        for (Map.Entry<Long, Integer> w : writtenIds.entrySet()) {
            if (!seen.contains(w.getKey()) && !retiredIds.contains(w.getKey())) {
                forbidden.add(w.getKey()); // absent now: must never come back
            }
        }
        checkNothingAfter(log, end, context);
    }

    private Set<Long> readAll(Log log, long start, long end, String context) throws IOException {
        Set<Long> seen = new HashSet<>();
        long expected = start;
        try (LogReader reader = log.reader(start)) {
            for (RecordView r; (r = reader.nextRecord()) != null; ) {
                if (r.offset() < start) {
                    continue;
                }
                check(r.offset() == expected, context, "hole: expected offset " + expected + ", read " + r.offset());
                long id = Payload.idOf(r.value());
                String at = "offset " + r.offset() + ": ";
                check(id >= 0, context, at + "a record that was never written (bad payload)");
                check(writtenIds.containsKey(id), context, at + "payload id " + id + " was never written");
                check(!forbidden.contains(id), context, at + "payload id " + id + " was truncated or lost before and came back");
                check(seen.add(id), context, at + "payload id " + id + " read twice");
                Long ackedId = acked.containsKey(r.offset()) ? acked.get(r.offset()) : retired.remove(r.offset());
                check(ackedId == null || ackedId == id, context, at + "acknowledged id " + ackedId + " but read id " + id);
                acked.put(r.offset(), id); // returned by recovery: durable from now on
                expected++;
            }
        }
        check(expected == end, context, "read up to offset " + expected + " but end offset is " + end);
        return seen;
    }

    private static void checkNothingAfter(Log log, long end, String context) throws IOException {
        try (LogReader reader = log.reader(end)) {
            check(reader.nextBatch() == null, context, "a batch is readable at the end offset " + end);
        }
        FetchRange range = log.readBatches(end, 1 << 16);
        check(range.isEmpty(), context, "readBatches(" + end + ") is not empty: " + range);
    }

    static void check(boolean ok, String context, String message) {
        if (!ok) {
            throw new AssertionError(context + ": " + message);
        }
    }
}
