package io.ringlog.reliability;

import io.ringlog.core.Log;
import io.ringlog.core.LogReader;
import io.ringlog.core.format.RecordView;
import io.ringlog.io.OpenResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.ringlog.reliability.LogModel.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Suite 1, process crash: a child JVM ({@link CrashChild}) appends with several threads and SYNC
 * durability, reporting every acknowledged offset and value checksum over its stdout pipe; the parent
 * SIGKILLs it at a seeded random moment (sometimes while it is still opening / recovering from the
 * previous kill), reopens the log and checks every acknowledged record at its offset with its bytes,
 * only well-formed records and no hole up to the end, nothing readable after the end, and that appends
 * work. 20 trials by default (seeds 7000..7019), 1,000 with {@code -Dreliability.long=true}.
 */
class ProcessCrashTest {
    private static final long FIRST_SEED = 7000;
    /** The write paths a trial picks from by seed (io_uring only where it works, so the mapping is per machine). */
    private static final List<String> WRITE_PATHS = io.ringlog.io.uring.IoUringProbe.isAvailable()
        ? List.of("pwrite_dsync", "filechannel_dsync_direct", "filechannel_force", "io_uring")
        : List.of("pwrite_dsync", "filechannel_dsync_direct", "filechannel_force");

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedRecordSurvivesKillDashNine() throws Exception {
        long[] seeds = Trials.seeds(FIRST_SEED, 20, 1_000);
        long started = System.nanoTime();
        for (long seed : seeds) {
            try {
                runTrial(seed, tmp.resolve("trial-" + seed));
            } catch (AssertionError | Exception e) {
                System.out.println("process-crash trial FAILED, replay with -Dreliability.seed=" + seed);
                throw e;
            }
            PowerLossTest.deleteTree(tmp.resolve("trial-" + seed));
        }
        System.out.printf("process-crash: %d trials, seeds %d..%d, %.1f s%n", seeds.length, seeds[0],
            seeds[seeds.length - 1], (System.nanoTime() - started) / 1e9);
    }

    private void runTrial(long seed, Path dir) throws Exception {
        Random random = Trials.random(seed);
        String writePath = WRITE_PATHS.get(random.nextInt(WRITE_PATHS.size()));
        int threads = 1 + random.nextInt(4);
        int kills = 1 + random.nextInt(2);
        Map<Long, Long> acked = new ConcurrentSkipListMap<>();
        for (int k = 0; k < kills; k++) {
            boolean duringOpen = k > 0 && random.nextInt(3) == 0;
            long killAfterMillis = duringOpen ? random.nextInt(400) : 150 + random.nextInt(700);
            String what = "seed " + seed + " kill " + (k + 1) + "/" + kills + " (" + writePath + ", " + threads
                + " threads, " + (duringOpen ? killAfterMillis + " ms after start" : killAfterMillis + " ms after READY") + ")";
            System.out.println("process-crash " + what);
            runChildAndKill(dir, seed + k * 1_000_003L, threads, writePath, duringOpen, killAfterMillis, acked, what);
            verify(dir, writePath, acked, what);
        }
    }

    private static void runChildAndKill(Path dir, long seed, int threads, String writePath, boolean duringOpen,
                                        long killAfterMillis, Map<Long, Long> acked, String what) throws Exception {
        Process child = ChildJvm.start(CrashChild.class, dir.toString(), Long.toString(seed),
            Integer.toString(threads), writePath);
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().name("child-stdout").start(() -> readAcks(child, acked, ready));
        if (!duringOpen) {
            check(ready.await(30, TimeUnit.SECONDS), what, "child did not open the log within 30 s");
        }
        Thread.sleep(killAfterMillis);
        // SIGKILL. ProcessHandle's destroyForcibly only signals; Process.destroyForcibly would also close
        // our end of the pipe and discard acknowledgement lines still buffered in it.
        child.toHandle().destroyForcibly();
        check(child.waitFor(30, TimeUnit.SECONDS), what, "child did not die");
        reader.join(); // lines written before the kill are still in the pipe: they were acknowledged
        check(child.exitValue() == 137 || child.exitValue() == 9, what, "child exited by itself with " + child.exitValue());
    }

    private static void readAcks(Process child, Map<Long, Long> acked, CountDownLatch ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("A ")) {
                    String[] f = line.split(" ");
                    acked.put(Long.parseLong(f[1]), Long.parseLong(f[2]));
                } else if (line.startsWith("READY")) {
                    ready.countDown();
                } else if (line.startsWith("E ")) {
                    System.out.println("child append failed before the kill: " + line);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Checks the reopened log against the acknowledgements, then adopts its records as acknowledged. */
    private static void verify(Path dir, String writePath, Map<Long, Long> acked, String what) throws IOException {
        String before = OpenResources.summary();
        try (Log log = Log.open(dir, CrashChild.config(writePath))) {
            long start = log.startOffset();
            long end = log.endOffset();
            long maxAcked = acked.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
            check(end > maxAcked, what, "acknowledged offset " + maxAcked + " lost: end offset " + end);
            check(start == 0, what, "start offset moved to " + start + " without retention");
            int acknowledged = acked.size();
            readAndCompare(log, end, acked, what);
            System.out.println("  recovered offsets [0, " + end + "), " + acknowledged + " acknowledged so far, all intact");
            try (LogReader r = log.reader(end)) {
                check(r.nextBatch() == null, what, "a batch is readable at the end offset " + end);
            }
            assertTrue(log.readBatches(end, 1 << 16).isEmpty(), what + ": readBatches at the end is empty");
            java.nio.ByteBuffer v = Payload.value((1L << 62) + end, 10);
            assertEquals(end, log.append(v), what + ": appends resume at the recovered end");
            acked.put(end, Payload.checksum(v));
        }
        assertEquals(before, OpenResources.summary(), what + ": log-io resources leaked");
    }

    private static void readAndCompare(Log log, long end, Map<Long, Long> acked, String what) throws IOException {
        Set<Long> ids = new HashSet<>();
        long expected = 0;
        try (LogReader r = log.reader(0)) {
            for (RecordView rec; (rec = r.nextRecord()) != null; expected++) {
                String at = "offset " + rec.offset() + ": ";
                check(rec.offset() == expected, what, "hole: expected offset " + expected + ", read " + rec.offset());
                long id = Payload.idOf(rec.value());
                check(id >= 0, what, at + "a record that was never written (bad payload)");
                check(ids.add(id), what, at + "payload id " + id + " read twice");
                long checksum = Payload.checksum(rec.value());
                Long ack = acked.get(rec.offset());
                check(ack == null || ack == checksum, what, at + "acknowledged checksum " + ack + ", read " + checksum);
                acked.put(rec.offset(), checksum); // recovered: durable from now on
            }
        }
        check(expected == end, what, "read up to offset " + expected + " but the end offset is " + end);
    }
}
