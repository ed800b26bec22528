package io.ringlog.bench.jmh;

import io.ringlog.core.Durability;
import io.ringlog.core.Log;
import io.ringlog.core.LogConfig;
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

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The CPU path of one {@code Log.append(MemorySegment)} of {@code valueBytes}: lock, RecordBatch
 * encoding with CRC-32C into the tail buffer, index, group-commit bookkeeping and the wake-up logic,
 * with the device write itself replaced by a no-op ({@link NullWriteBackend}). {@code durability=SYNC}
 * runs the full SYNC path (the appender leads its own no-op write and waits for nothing); {@code NONE}
 * the page-cache mode's path. {@code -prof gc} must show ~0 B/op: nothing on the append path allocates.
 *
 * <p>The log lives in {@code -Dringlog.jmh.dir} (default /dev/shm when present, else java.io.tmpdir):
 * at ~1-2 us per append the log passes a 64 MiB segment every ~0.1-0.2 s, and the preparer zero-fills
 * the next one in the background; on tmpfs that costs ~20 ms of memory bandwidth instead of disk time.
 * Retention keeps the last 4 segments, and retired segments are recycled by rename.
 *
 * <p>Thread-safety: JMH state, one per benchmark (a shared log, as the appenders of a real one).
 */
@State(Scope.Benchmark)

public class LogAppendBenchmark {
    @Param({"SYNC", "NONE"})
    public Durability durability;

    @Param({"512"})
    public int valueBytes;

    /**
     * Segment size. At ~1.5M appends/s a 64 MiB segment rolls ~12 times a second, and each roll
     * allocates its index arrays and seal buffers (~400 KB, ~3 B per append amortized); with 1024 the
     * rolls are 16x rarer, which separates per-roll allocation from per-append allocation.
     */
    @Param({"64", "1024"})
    public int segmentMiB;

    /**
     * Offset/time index interval. The in-memory sparse indexes store one entry (8 B offset index +
     * 12 B time index, in arrays that double) per interval, i.e. every ~7 appends of 512 B at the
     * default 4096: ~3 B per append of retained index data, not garbage. 1048576 makes that ~0.
     */
    @Param({"4096"})
    public int indexIntervalBytes;

    private Path dir;
    private Log log;
    private MemorySegment value;

    @Setup
    public void setUp() throws IOException {
        Path base = Path.of(System.getProperty("ringlog.jmh.dir",
            Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm" : System.getProperty("java.io.tmpdir")));
        dir = Files.createTempDirectory(base, "ringlog-jmh-log");
        log = Log.open(dir, LogConfig.builder()
            .durability(durability)
            .backendFactory(d -> new NullWriteBackend())
            .segmentBytes((long) segmentMiB << 20)
            .indexIntervalBytes(indexIntervalBytes)
            .retentionBytes(4L * segmentMiB << 20)
            .build());
        value = Arena.ofAuto().allocate(valueBytes).fill((byte) 0xA5);
    }

    @TearDown
    public void tearDown() throws IOException {
        log.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    public long append() throws IOException {
        return log.append(value);
    }
}
