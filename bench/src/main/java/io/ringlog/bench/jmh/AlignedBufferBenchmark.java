package io.ringlog.bench.jmh;

import io.ringlog.io.AlignedMemory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * What acquiring one 4 KiB aligned buffer costs, to decide between allocating per append and keeping
 * buffers: log-io's {@link AlignedMemory} (a shared Arena; its close needs a thread-local handshake),
 * a confined Arena (the cheapest FFM lifecycle) and {@code ByteBuffer.allocateDirect} (GC-managed,
 * with a Cleaner and the direct-memory reservation). Each op allocates AND frees, because allocating
 * without freeing would grow the arena without bound inside an iteration. IoBackend.allocate on the
 * FileChannel backends is AlignedMemory.allocate; on io_uring it will hand out registered memory
 * (measure that after the log-io merge). {@code -prof gc} shows which ones allocate on the Java heap.
 *
 * <p>Thread-safety: JMH state, one per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class AlignedBufferBenchmark {
    private static final int BLOCK = 4096;

    @Benchmark
    public long alignedMemoryAllocateAndClose() {
        try (AlignedMemory memory = new AlignedMemory()) {
            return memory.allocate(BLOCK).address();
        }
    }

    @Benchmark
    public long confinedArenaAllocateAndClose() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(BLOCK, BLOCK);
            return s.address();
        }
    }

    @Benchmark
    public int directByteBufferAllocate() {
        // Over-allocate and slice to get 4096 alignment, as pre-FFM code had to.
        return ByteBuffer.allocateDirect(2 * BLOCK).alignedSlice(BLOCK).capacity();
    }
}
