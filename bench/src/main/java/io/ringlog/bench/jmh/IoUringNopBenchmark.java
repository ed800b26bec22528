package io.ringlog.bench.jmh;

import io.ringlog.io.NativeIoException;
import io.ringlog.io.uring.IoUring;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One IORING_OP_NOP submitted and reaped through log-io's ring ({@link IoUring#nop()}): the ring's own
 * cost per operation without any I/O (SQE fill, io_uring_enter with GETEVENTS, CQE reap). The ring is
 * created single-issuer (SINGLE_ISSUER + DEFER_TASKRUN when the kernel accepts them) in a
 * {@code Scope.Thread} state, whose setup JMH runs on the benchmark thread itself, as an SI ring
 * requires (another thread gets EEXIST). {@code -prof gc} must show ~0 B/op.
 *
 * <p>Thread-safety: JMH state, one per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class IoUringNopBenchmark {
    /** Ring entries: 8 is plenty for one operation in flight. */
    private static final int ENTRIES = 8;

    private IoUring ring;

    @Setup
    public void setUp() throws NativeIoException {
        ring = IoUring.create(ENTRIES, true);
    }

    @TearDown
    public void tearDown() {
        ring.close();
    }

    @Benchmark
    public void nop() throws NativeIoException {
        ring.nop();
    }
}
