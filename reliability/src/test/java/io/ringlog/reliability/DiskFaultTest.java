package io.ringlog.reliability;

import io.ringlog.core.Durability;
import io.ringlog.core.Log;
import io.ringlog.core.LogConfig;
import io.ringlog.core.LogFailedException;
import io.ringlog.core.LogReader;
import io.ringlog.core.format.RecordBatchEncoder;
import io.ringlog.core.format.RecordView;
import io.ringlog.io.BackendKind;
import io.ringlog.io.DeviceIoException;
import io.ringlog.io.DiskFullException;
import io.ringlog.io.Errno;
import io.ringlog.io.NativeIoException;
import io.ringlog.io.OpenResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Suite 3, disk faults injected through the backend decorator (docs/durability.md "Failures"): disk
 * full on an append and on a roll (typed {@link DiskFullException}, nothing acknowledged, readable,
 * appends resume once space frees), EIO on a write and on the durability step of a write, EIO on an
 * explicit flush, and EROFS (failed state with the original cause until reopen). Disk full while
 * preparing a segment is a real kernel error in {@link RealDiskFullTest}.
 */
class DiskFaultTest {
    private static final int BODY = 3000;
    private static final int BATCH = RecordBatchEncoder.singleRecordBatchSize(Payload.HEADER + BODY);

    @TempDir
    Path dir;
    private final FaultInjector faults = new FaultInjector();
    private String resourcesBefore;

    @BeforeEach
    void rememberResources() {
        resourcesBefore = OpenResources.summary();
    }

    @AfterEach
    void checkNoLeak() {
        assertEquals(resourcesBefore, OpenResources.summary(), "log-io resources leaked");
    }

    private LogConfig.Builder config() {
        return LogConfig.builder().segmentBytes(64 << 10).maxPendingBytes(16 << 10).maxBatchBytes(8 << 10)
            .segmentsPreparedAhead(1)
            .backendFactory(d -> InterceptingBackend.of(BackendKind.FILECHANNEL_FORCE, faults, true));
    }

    @Test
    void diskFullOnAnAppendShouldFailItTypedAcknowledgeNothingAndResumeWhenSpaceFrees() throws Exception {
        try (Log log = Log.open(dir, config().build())) {
            appendIds(log, 0, 5);
            faults.failWrites(Errno.ENOSPC);
            DiskFullException full = assertThrows(DiskFullException.class, () -> append(log, 5));
            assertEquals(Errno.ENOSPC, full.errno());
            assertEquals(5, log.endOffset(), "nothing of the failed append is acknowledged or visible");
            assertEquals(ids(0, 5), readIds(log), "the log stays readable");
            faults.heal();
            assertEquals(5, append(log, 6), "appends resume once space frees; the failed offset is reused");
        }
        try (Log log = Log.open(dir, config().build())) {
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 6L), readIds(log), "the failed record never appears");
        }
    }

    @Test
    void diskFullOnARollShouldFailTheRollingAppendAndResumeWhenSpaceFrees() throws Exception {
        try (Log log = Log.open(dir, config().build())) {
            long id = 0;
            while (lastSegmentSize(log) + BATCH <= (64 << 10)) {
                append(log, id++);
            }
            int segments = log.segments().size();
            long end = log.endOffset();
            faults.failWrites(Errno.ENOSPC);
            assertThrows(DiskFullException.class, () -> append(log, 1000), "the append that rolls");
            assertEquals(end, log.endOffset(), "nothing acknowledged");
            assertEquals(ids(0, id), readIds(log), "readable after the failed roll");
            faults.heal();
            assertEquals(end, append(log, 1001), "appends resume in the new segment");
            assertEquals(segments + 1, log.segments().size(), "the roll completed");
            List<Long> expected = new ArrayList<>(ids(0, id));
            expected.add(1001L);
            assertEquals(expected, readIds(log));
        }
    }

    @Test
    void ioErrorOnAWriteShouldFailTheLogWithTheCauseUntilReopened() throws Exception {
        Log log = Log.open(dir, config().build());
        appendIds(log, 0, 3);
        faults.failWrites(Errno.EIO);
        LogFailedException failed = assertThrows(LogFailedException.class, () -> append(log, 3));
        assertInstanceOf(DeviceIoException.class, failed.getCause(), "typed EIO as the cause");
        faults.heal();
        LogFailedException still = assertThrows(LogFailedException.class, () -> append(log, 4), "failed until reopen");
        assertInstanceOf(DeviceIoException.class, still.getCause(), "the original cause");
        assertEquals(ids(0, 3), readIds(log), "still readable");
        log.close();
        try (Log reopened = Log.open(dir, config().build())) {
            assertEquals(ids(0, 3), readIds(reopened));
            assertEquals(3, append(reopened, 5), "appends work after reopen");
        }
    }

    @Test
    void ioErrorOnTheDurabilityStepOfAWriteShouldFailTheLogAndNeverAcknowledge() throws Exception {
        Log log = Log.open(dir, config().build());
        appendIds(log, 0, 3);
        faults.failSyncOfDurableWrites(Errno.EIO);
        LogFailedException failed = assertThrows(LogFailedException.class, () -> append(log, 3));
        assertInstanceOf(DeviceIoException.class, failed.getCause());
        faults.heal();
        assertThrows(LogFailedException.class, () -> append(log, 4), "a failed fsync is never retried as success");
        assertEquals(3, log.endOffset(), "the record whose fdatasync failed is not visible");
        log.close();
        try (Log reopened = Log.open(dir, config().build())) {
            List<Long> read = readIds(reopened);
            assertEquals(ids(0, 3), read.subList(0, 3), "every acknowledged record is there");
            assertEquals(read.size(), append(reopened, 5), "appends work after reopen");
        }
    }

    @Test
    void ioErrorOnAnExplicitFlushShouldFailTheLogUntilReopened() throws Exception {
        Log log = Log.open(dir, config().durability(Durability.NONE).build());
        appendIds(log, 0, 3);
        faults.failFlushes(Errno.EIO);
        assertThrows(DeviceIoException.class, log::flush);
        faults.heal();
        LogFailedException again = assertThrows(LogFailedException.class, log::flush,
            "the next flush must not report the lost data durable");
        assertInstanceOf(DeviceIoException.class, again.getCause());
        assertThrows(LogFailedException.class, () -> append(log, 3));
        log.close();
        try (Log reopened = Log.open(dir, config().durability(Durability.NONE).build())) {
            assertEquals(reopened.endOffset(), append(reopened, 4), "appends work after reopen");
        }
    }

    @Test
    void readOnlyFileSystemShouldFailTheLogWithErofsAndKeepItReadable() throws Exception {
        Log log = Log.open(dir, config().build());
        appendIds(log, 0, 4);
        faults.failWrites(Errno.EROFS).failFlushes(Errno.EROFS).failOpens(Errno.EROFS);
        LogFailedException failed = assertThrows(LogFailedException.class, () -> append(log, 4));
        NativeIoException cause = assertInstanceOf(NativeIoException.class, failed.getCause());
        assertEquals("EROFS", cause.errnoName());
        assertEquals(ids(0, 4), readIds(log), "readable while the file system is read-only");
        log.close();
        faults.heal(); // remounted read-write
        try (Log reopened = Log.open(dir, config().build())) {
            assertEquals(ids(0, 4), readIds(reopened));
            assertEquals(4, append(reopened, 5));
        }
    }

    private static long lastSegmentSize(Log log) {
        return log.segments().getLast().durableSize();
    }

    static long append(Log log, long id) throws IOException {
        return log.append(Payload.value(id, BODY));
    }

    private static void appendIds(Log log, long from, long to) throws IOException {
        for (long id = from; id < to; id++) {
            assertEquals(id, append(log, id));
        }
    }

    private static List<Long> ids(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long id = from; id < to; id++) {
            out.add(id);
        }
        return out;
    }

    static List<Long> readIds(Log log) throws IOException {
        List<Long> out = new ArrayList<>();
        try (LogReader r = log.reader(log.startOffset())) {
            for (RecordView rec; (rec = r.nextRecord()) != null; ) {
                out.add(Payload.idOf(rec.value()));
            }
        }
        return out;
    }
}
