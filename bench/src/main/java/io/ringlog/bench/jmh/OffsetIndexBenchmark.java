package io.ringlog.bench.jmh;

import io.ringlog.core.segment.OffsetIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A lookup in log-core's sparse {@link OffsetIndex} (relative offset -> position, binary search), as a
 * reader or fetch does to find the batch holding an offset. {@code entries}: 16384 is a full 64 MiB segment at a
 * 4 KiB index interval (64 MiB / 4 KiB); 131072 a 512 MiB one. Offsets are drawn from a precomputed pseudo-random table (seeded, so runs repeat) to defeat
 * branch prediction. {@code -prof gc}: ~0 B/op.
 *
 * <p>Thread-safety: JMH state, one per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class OffsetIndexBenchmark {
    private static final long SEED = 42;
    private static final int LOOKUPS = 4096;

    @Param({"1024", "16384", "131072"})
    public int entries;

    private OffsetIndex index;
    private final long[] offsets = new long[LOOKUPS];
    private int next;

    @Setup
    public void setUp() {
        index = new OffsetIndex(1_000_000L, entries);
        // One entry every 8 records of 512 B (~4 KiB apart), as the default index interval gives.
        for (int i = 0; i < entries; i++) {
            index.add(1_000_000L + 8L * i, 4096L * i);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < LOOKUPS; i++) {
            offsets[i] = 1_000_000L + random.nextLong(8L * entries);
        }
    }

    @Benchmark
    public long floorPosition() {
        long offset = offsets[next];
        next = (next + 1) & (LOOKUPS - 1);
        return index.floorPosition(offset);
    }
}
