package io.ringlog.bench.jmh;

import io.ringlog.io.BackendKind;
import io.ringlog.io.DurableFile;
import io.ringlog.io.FileOps;
import io.ringlog.io.IoBackend;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.IoBackends;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One 4 KiB write through {@link DurableFile}: {@code write} (no durability requested) vs
 * {@code writeDurable}, per backend, on a 64 MiB pre-zeroed file in {@code -Dringlog.jmh.dir}
 * (default java.io.tmpdir: make sure that is the disk you mean, not tmpfs). The difference is the
 * price of durability on that device. For filechannel_dsync_direct both are durable (the channel is
 * opened O_DSYNC), so the two figures should match; for filechannel_force {@code write} is a page-cache
 * copy. Other backends: {@code -p backend=io_uring,pwrite_dsync} once log-io has them. Average time
 * per op: the latency distribution is {@code ringlog bench}'s job, this is the -prof gc / -prof perfnorm
 * view (allocation per write must be 0 B).
 *
 * <p>Thread-safety: JMH state, one per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class DurableWriteBenchmark {
    /** 64 MiB: 16384 distinct 4 KiB blocks before the offset wraps, all pre-zeroed overwrites. */
    private static final long FILE_BYTES = 64L << 20;
    private static final int BLOCK = 4096;

    @Param({"filechannel_dsync_direct", "filechannel_force"})
    public String backend;

    private Path dir;
    private IoBackend io;
    private DurableFile file;
    private MemorySegment buffer;
    private long offset;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory(Path.of(System.getProperty("ringlog.jmh.dir", System.getProperty("java.io.tmpdir"))),
            "ringlog-jmh");
        Path path = dir.resolve("write.dat");
        FileOps.zeroFill(path, 0, FILE_BYTES);
        io = IoBackends.create(BackendKind.fromExternalName(backend), IoBackendConfig.DEFAULT);
        buffer = io.allocate(BLOCK).fill((byte) 0xA5);
        file = io.open(path, false);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        file.close();
        io.close();
        Files.deleteIfExists(dir.resolve("write.dat"));
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public void write4k() throws IOException {
        file.write(buffer, next());
    }

    @Benchmark
    public void writeDurable4k() throws IOException {
        file.writeDurable(buffer, next());
    }

    private long next() {
        long o = offset;
        offset = (o + BLOCK) % FILE_BYTES;
        return o;
    }
}
