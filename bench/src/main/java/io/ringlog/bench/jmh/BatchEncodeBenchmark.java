package io.ringlog.bench.jmh;

import io.ringlog.core.format.LogRecord;
import io.ringlog.core.format.RecordBatchEncoder;
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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Encoding a RecordBatch v2 (61-byte header, varint records, CRC-32C) with log-core's
 * {@link RecordBatchEncoder} into a reused 4096-aligned direct buffer, as the append path encodes
 * into its tail buffer: {@code encode} of 1/10/100 records of {@code valueBytes} (the batch form of
 * {@code Log.append(List)}) and {@code encodeSingle} of one value (the form of {@code Log.append(ByteBuffer)}).
 * {@code -prof gc} must show ~0 B/op: the records and the buffer exist before the measurement.
 *
 * <p>Thread-safety: JMH state, one per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class BatchEncodeBenchmark {
    @Param({"1", "10", "100"})
    public int records;

    @Param({"512"})
    public int valueBytes;

    private final RecordBatchEncoder encoder = new RecordBatchEncoder();
    private Arena arena;
    private ByteBuffer dst;
    private ByteBuffer single;
    private List<LogRecord> batch;
    private long baseOffset;

    @Setup
    public void setUp() {
        byte[] value = new byte[valueBytes];
        Arrays.fill(value, (byte) 0xA5);
        List<LogRecord> list = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < records; i++) {
            list.add(LogRecord.ofValue(ByteBuffer.wrap(value), now + i));
        }
        batch = List.copyOf(list);
        single = ByteBuffer.allocateDirect(valueBytes).put(value).flip();
        arena = Arena.ofShared();
        dst = arena.allocate(RecordBatchEncoder.batchSize(batch) + 4096L, 4096).asByteBuffer();
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public int encode() {
        return encoder.encode(dst, 0, baseOffset++, batch);
    }

    @Benchmark
    public int encodeSingle() {
        return encoder.encodeSingle(dst, 0, baseOffset++, 1_700_000_000_000L, single);
    }
}
