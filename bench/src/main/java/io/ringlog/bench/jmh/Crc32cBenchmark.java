package io.ringlog.bench.jmh;

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

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * CRC-32C (the RecordBatch v2 checksum, computed over attributes to the end of every batch on the
 * append path) over direct memory of batch sizes from one small record (64 B) to a 1 MiB batch,
 * with {@link CRC32C} on a direct ByteBuffer view of a 4096-aligned FFM segment, as log-core will
 * checksum its MemorySegment buffers. The JDK intrinsic (SSE4.2 crc32 / ARMv8 crc32c) makes this
 * several GB/s; the point is to confirm it stays negligible next to a ~70 us durable write and that
 * it allocates nothing per call ({@code -prof gc}: gc.alloc.rate.norm ~0 B/op).
 *
 * <p>Thread-safety: JMH state, one per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class Crc32cBenchmark {
    @Param({"64", "512", "4096", "16384", "65536", "1048576"})
    public int bytes;

    private Arena arena;
    private ByteBuffer view;
    private final CRC32C crc = new CRC32C();

    @Setup
    public void setUp() {
        arena = Arena.ofShared();
        MemorySegment segment = arena.allocate(bytes, 4096);
        for (long i = 0; i < bytes; i++) {
            segment.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) (i * 31));
        }
        view = segment.asByteBuffer();
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public long crc32cDirect() {
        crc.reset();
        crc.update(view.clear());
        return crc.getValue();
    }
}
