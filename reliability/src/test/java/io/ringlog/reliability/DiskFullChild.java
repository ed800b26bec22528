package io.ringlog.reliability;

import io.ringlog.core.Log;
import io.ringlog.core.LogConfig;
import io.ringlog.core.format.RecordBatchEncoder;
import io.ringlog.io.DiskFullException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.ringlog.reliability.LogModel.check;

/**
 * The child JVM of {@link RealDiskFullTest}: with real EFBIG errors from a lowered RLIMIT_FSIZE, checks
 * that (1) an append whose write fails gets {@code DiskFullException}, is not acknowledged, the log stays
 * readable and the next append after the limit is raised gets the same offset; (2) when the preparer
 * cannot lay out the next segment file, the append that needs a roll fails with the preparer's
 * {@code DiskFullException}, and succeeds once space returns; (3) after reopen exactly the acknowledged
 * records are there. Prints progress; exits 0 on success, 1 with the failure on stderr.
 *
 * <p>Thread-safety: a single-threaded program.
 */
public final class DiskFullChild {
    private static final int SEGMENT = 128 << 10;
    private static final int SMALL = 4000;
    private static final int BIG = SEGMENT - 300; // a batch that fits only in an empty segment

    private DiskFullChild() {
    }

    public static void main(String[] args) throws Throwable {
        try {
            run(Path.of(args[0]), args[1]);
            System.out.println("OK");
            System.exit(0);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }

    static LogConfig config(String writePath) {
        return LogConfig.builder().segmentBytes(SEGMENT).writePath(writePath).maxPendingBytes(128 << 10)
            .maxBatchBytes(SEGMENT).segmentsPreparedAhead(1).preparerWait(Duration.ofSeconds(5)).build();
    }

    private static void run(Path dir, String writePath) throws Throwable {
        List<Long> acked = new ArrayList<>();
        long id = 0;
        try (Log log = Log.open(dir, config(writePath))) {
            awaitPrepared(log);
            while (lastSize(log) < 40 << 10) {
                append(log, id++, SMALL, acked);
            }
            long end = log.endOffset();
            FileSizeLimit.set(32 << 10);
            expectDiskFull(log, id++, SMALL, "an append whose write is beyond the file size limit");
            check(log.endOffset() == end, "append", "nothing acknowledged: end " + log.endOffset() + " != " + end);
            check(DiskFaultTest.readIds(log).equals(acked), "append", "readable with exactly the acknowledged records");
            FileSizeLimit.set(-1);
            check(append(log, id++, SMALL, acked) == end, "append", "resumes at the failed offset");
            System.out.println("disk full on an append: DiskFullException, nothing acknowledged, resumed at " + end);

            int batch = RecordBatchEncoder.singleRecordBatchSize(Payload.HEADER + SMALL);
            while (lastSize(log) + batch <= SEGMENT) {
                append(log, id++, SMALL, acked);
            }
            FileSizeLimit.set(8 << 10); // the preparer can no longer lay out a 128 KiB file
            append(log, id++, SMALL, acked); // rolls onto the prepared file: writes below the limit
            int segments = log.segments().size();
            end = log.endOffset();
            expectDiskFull(log, id++, BIG, "an append that needs a new segment while preparation fails");
            check(log.endOffset() == end && log.segments().size() == segments, "roll", "nothing acknowledged, no roll");
            FileSizeLimit.set(-1);
            check(appendWhenSpaceReturns(log, id++, acked) == end, "roll", "the rolling append resumes at the failed offset");
            System.out.println("disk full while preparing: the rolling append got DiskFullException, resumed at " + end);
        }
        try (Log log = Log.open(dir, config(writePath))) {
            check(DiskFaultTest.readIds(log).equals(acked), "reopen", "exactly the acknowledged records after reopen");
            System.out.println("reopen: " + acked.size() + " acknowledged records, nothing else");
        }
    }

    private static void awaitPrepared(Log log) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (log.stats().preparedReady() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        check(log.stats().preparedReady() >= 1, "setup", "the preparer made no file in 10 s");
    }

    private static long lastSize(Log log) {
        return log.segments().getLast().durableSize();
    }

    private static long append(Log log, long id, int length, List<Long> acked) throws IOException {
        long offset = log.append(Payload.value(id, length));
        acked.add(id);
        return offset;
    }

    private static void expectDiskFull(Log log, long id, int length, String what) throws IOException {
        try {
            log.append(Payload.value(id, length));
            throw new AssertionError(what + ": the append succeeded");
        } catch (DiskFullException expected) {
            System.out.println(what + ": " + expected.getMessage());
            if (length == BIG) {
                check(expected.getMessage().contains("zero-fill"), what, "the preparer's error, got " + expected);
            }
        }
    }

    private static long appendWhenSpaceReturns(Log log, long id, List<Long> acked) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                return append(log, id, BIG, acked);
            } catch (DiskFullException stillFull) {
                check(System.nanoTime() < deadline, "roll", "appends did not resume within 10 s: " + stillFull);
                Thread.sleep(20); // the preparer retries every 100 ms
            }
        }
    }
}
