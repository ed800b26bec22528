package io.ringlog.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

import static io.ringlog.reliability.LogModel.check;

/**
 * Suite 5 for the broker, soak: a broker in a child JVM ({@link BrokerSoakChild}: durable store, 64 KiB
 * segments, retention of 512 KiB / 4 s checked every 200 ms) under {@link BrokerSoakLoad} (producers,
 * a tailing and a random-offset consumer, topic create/produce/read/delete churn, DeleteRecords) for
 * {@code reliability.soakSeconds} (30 s by default, 30 min with {@code -Dreliability.long=true}). The
 * broker samples itself once a second ({@link BrokerGauge}); the run is timed from the moment every
 * worker has made progress. The test fails if a worker fails or reads a malformed record, if the broker
 * does not stop cleanly on SIGTERM, or if between the first sample after warm-up (20% of the run) and the end (the smallest of the last three samples, so one busy
 * moment is not a leak) any of these grows past its allowance:
 *
 * <table>
 *   <caption>Allowed growth after warm-up</caption>
 *   <tr><th>what</th><th>allowance</th></tr>
 *   <tr><td>open fds of the broker process</td><td>{@value #FD_ALLOWANCE}</td></tr>
 *   <tr><td>log-io fds / arenas</td><td>{@value #IO_ALLOWANCE} each</td></tr>
 *   <tr><td>io_uring rings</td><td>{@value #RING_ALLOWANCE}</td></tr>
 *   <tr><td>threads</td><td>{@value #THREAD_ALLOWANCE}</td></tr>
 *   <tr><td>direct buffers</td><td>32 MiB</td></tr>
 *   <tr><td>heap after a full GC</td><td>48 MiB</td></tr>
 *   <tr><td>NMT committed outside the heap</td><td>64 MiB</td></tr>
 * </table>
 *
 * A churn topic that exists at a sampling moment holds 2 partitions' files (up to ~10 fds); the
 * allowances leave room for two of them and for segments retired less than 1 s before. RSS is printed,
 * not checked (it follows the heap's growth toward -Xmx). The seed ({@code -Dreliability.seed}, default
 * 31) drives sizes, partitions and random offsets; thread interleaving is not replayed.
 */
class BrokerSoakTest {
    static final long FD_ALLOWANCE = 32;
    static final long IO_ALLOWANCE = 16;
    static final long RING_ALLOWANCE = 4;
    static final long THREAD_ALLOWANCE = 8;
    private static final long DIRECT_ALLOWANCE = 32L << 20;
    private static final long HEAP_ALLOWANCE = 48L << 20;
    private static final long NATIVE_ALLOWANCE = 64L << 20;
    private static final long FIRST_SEED = 31;

    @TempDir
    Path dir;

    @Test
    void brokerUnderMixedLoadShouldNotGrowFdsMemoryOrThreads() throws Exception {
        long seconds = Trials.soakSeconds();
        long seed = Trials.seeds(FIRST_SEED, 1, 1)[0];
        System.out.println("broker soak: " + seconds + " s, seed " + seed + " (replay with -Dreliability.seed=" + seed + ")");
        List<BrokerGauge> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        BrokerSoakLoad load;
        try (BrokerProcess broker = BrokerProcess.start(List.of("-XX:NativeMemoryTracking=summary"), BrokerSoakChild.class,
            line -> collect(line, samples), dir.toString())) {
            load = new BrokerSoakLoad(broker.awaitListening(60, "broker soak"), seed);
            load.start();
            awaitProgress(load);
            int before = samples.size();
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < deadline && load.failure() == null) {
                Thread.sleep(200);
            }
            load.stop();
            if (load.failure() != null) {
                throw new AssertionError("broker soak worker failed (seed " + seed + ")", load.failure());
            }
            int exit = broker.terminate(60);
            check(exit == 0, "broker soak", "the broker did not stop cleanly on SIGTERM: exit " + exit);
            List<BrokerGauge> during = List.copyOf(samples.subList(before, samples.size()));
            System.out.printf("broker soak: %d s, %d records acknowledged, %d read by the tailer, %d random reads,"
                + " %d topics created and deleted, %d DeleteRecords, %d samples%n", seconds, load.acked.get(),
                load.read.get(), load.randomReads.get(), load.topicsChurned.get(), load.recordDeletes.get(), during.size());
            check(load.acked.get() > 0 && load.read.get() > 0 && load.topicsChurned.get() > 0, "broker soak",
                "no progress: " + load.acked.get() + " acked, " + load.read.get() + " read, " + load.topicsChurned.get() + " topics");
            checkNoGrowth(during);
        }
    }

    /** Warm-up: every worker has done something, so the samples start with every kind of resource in use. */
    private static void awaitProgress(BrokerSoakLoad load) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (load.failure() == null && (load.acked.get() == 0 || load.read.get() == 0 || load.randomReads.get() == 0
            || load.topicsChurned.get() == 0)) {
            check(System.nanoTime() < deadline, "broker soak", "the load did not get going within 120 s");
            Thread.sleep(50);
        }
    }

    private static void collect(String line, List<BrokerGauge> samples) {
        if (line.startsWith(BrokerGauge.PREFIX + "FAILED")) {
            System.out.println("broker soak: " + line);
        } else if (line.startsWith(BrokerGauge.PREFIX)) {
            samples.add(BrokerGauge.parse(line));
        }
    }

    private static void checkNoGrowth(List<BrokerGauge> samples) {
        check(samples.size() >= 5, "broker soak", "too few samples: " + samples.size());
        BrokerGauge base = samples.get(Math.max(1, samples.size() / 5));
        List<BrokerGauge> tail = samples.subList(samples.size() - 3, samples.size());
        String numbers = "after warm-up " + base + "; at the end " + tail;
        growth("open fds", base, tail, g -> g.resources().fds(), FD_ALLOWANCE, numbers);
        growth("log-io fds", base, tail, g -> g.resources().ioFds(), IO_ALLOWANCE, numbers);
        growth("log-io arenas", base, tail, g -> g.resources().arenas(), IO_ALLOWANCE, numbers);
        growth("io_uring rings", base, tail, g -> g.resources().rings(), RING_ALLOWANCE, numbers);
        growth("threads", base, tail, BrokerGauge::threads, THREAD_ALLOWANCE, numbers);
        growth("direct memory", base, tail, g -> g.resources().directBytes(), DIRECT_ALLOWANCE, numbers);
        growth("heap after GC", base, tail, g -> g.resources().heapAfterGc(), HEAP_ALLOWANCE, numbers);
        if (base.nativeBytes() >= 0) {
            growth("native memory (NMT, outside the heap)", base, tail, BrokerGauge::nativeBytes, NATIVE_ALLOWANCE, numbers);
        }
        System.out.println("broker soak: no growth; " + numbers);
    }

    private static void growth(String what, BrokerGauge base, List<BrokerGauge> tail, ToLongFunction<BrokerGauge> value,
                               long allowance, String numbers) {
        long end = value.applyAsLong(tail.stream().min(Comparator.comparingLong(value)).orElseThrow());
        long grew = end - value.applyAsLong(base);
        check(grew <= allowance, "broker soak", what + " grew by " + grew + " (allowed " + allowance + "): " + numbers);
    }
}
