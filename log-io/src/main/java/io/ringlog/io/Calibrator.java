package io.ringlog.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The short calibration behind {@code auto}: QD1 4 KiB durable overwrites of a pre-zeroed scratch file
 * per candidate, in interleaved rounds (the starting candidate rotates) so that device drift or a
 * noisy neighbour does not favour whichever candidate ran first.
 *
 * <p>Sizes: 16 rounds x 20 writes = 320 measured writes per candidate, after a warm-up of up to
 * 20,000 writes or 100 ms (at least 10 writes) so the JIT has compiled the write paths: on tmpfs a
 * 4 KiB FFM pwritev2 took 6.9 us interpreted, 2.0 us under C1 and 1.3 us under C2. The io_uring path
 * runs more Java per write (SQE fill, acquire/release VarHandles), which interpreted is far slower:
 * with a 20 ms warm-up on zram it calibrated at 16.5 us p50 against 3.0 us in steady state, so auto
 * lost it on exactly the fast devices where it wins. On a 70-300 us device the warm-up is
 * time-bound (~700 writes) and its JIT effects vanish against the device latency; a calibration of
 * four candidates then takes about 0.6 s including the zero-fill. A slow or
 * overloaded device is cut short by the 0.8 s budget, counted from the start of the calibration, but
 * only after 4 rounds (80 writes per candidate): with 2 rounds, under a load average of 7 on this
 * 2-core machine, 40 samples gave p50s 6x apart between paths that are within 5% of each other.
 * Short rounds interleave finely: with the machine shared, the device's latency shifts within 100 ms.
 *
 * <p>Thread-safety: not thread-safe; one calibration per instance, run on the caller's thread (an
 * io_uring candidate created single-issuer must be used on the thread that created it).
 */
final class Calibrator {
    static final int WARMUP_WRITES = 10;
    static final long WARMUP_NANOS = 100_000_000L;
    static final int WARMUP_MAX_WRITES = 20_000;
    static final int ROUNDS = 16;
    static final int WRITES_PER_ROUND = 20;
    static final int MIN_ROUNDS = 4;
    static final long BUDGET_NANOS = 800_000_000L;
    /** 16 blocks = 64 KiB per scratch file, overwritten in a cycle; its zero-fill costs one fdatasync. */
    static final int SCRATCH_BLOCKS = 16;

    private final Path directory;
    private final IoBackendConfig config;
    private long start;

    Calibrator(Path directory, IoBackendConfig config) {
        this.directory = directory;
        this.config = config;
    }

    /** One candidate under measurement. */
    private static final class Trial {
        final BackendKind kind;
        final IoBackend backend;
        final Path scratch;
        DurableFile file;
        MemorySegment block;
        final long[] samples = new long[ROUNDS * WRITES_PER_ROUND];
        int count;
        long nextBlock;

        Trial(BackendKind kind, IoBackend backend, Path scratch) {
            this.kind = kind;
            this.backend = backend;
            this.scratch = scratch;
        }
    }

    /** The outcome: figures or causes per kind, and the open backend of every measured kind. */
    record Outcome(Map<BackendKind, AutoSelection.Candidate> candidates, Map<BackendKind, IoBackend> backends) {
    }

    /** Calibrates {@code kinds}; a kind that fails to set up is reported with its cause and skipped. */
    Outcome run(List<BackendKind> kinds) {
        start = System.nanoTime();
        Map<BackendKind, AutoSelection.Candidate> results = new EnumMap<>(BackendKind.class);
        List<Trial> trials = new ArrayList<>();
        try {
            for (BackendKind kind : kinds) {
                Trial t = prepare(kind, results);
                if (t != null) {
                    trials.add(t);
                }
            }
            measure(trials, results);
        } finally {
            for (Trial t : trials) {
                closeQuietly(t);
            }
        }
        Map<BackendKind, IoBackend> backends = new EnumMap<>(BackendKind.class);
        for (Trial t : trials) {
            if (results.get(t.kind).measured()) {
                backends.put(t.kind, t.backend);
            } else {
                t.backend.close();
            }
        }
        return new Outcome(results, backends);
    }

    private Trial prepare(BackendKind kind, Map<BackendKind, AutoSelection.Candidate> results) {
        IoBackend backend;
        try {
            backend = IoBackends.create(kind, config);
        } catch (Exception | LinkageError e) {
            results.put(kind, AutoSelection.Candidate.excluded(kind, "could not create backend: " + e));
            return null;
        }
        // pid in the name: two processes calibrating one directory must not overwrite each other's file
        Path scratch = directory.resolve(
            ".ringlog-calibration-" + kind.externalName() + "-" + ProcessHandle.current().pid());
        Trial t = new Trial(kind, backend, scratch);
        try {
            FileOps.zeroFill(t.scratch, 0, (long) SCRATCH_BLOCKS * Alignment.BLOCK);
            t.file = backend.open(t.scratch, false);
            t.block = backend.allocate(Alignment.BLOCK);
            t.block.fill((byte) 0x5A);
            long warmStart = System.nanoTime();
            for (int i = 0; i < WARMUP_MAX_WRITES
                && (i < WARMUP_WRITES || System.nanoTime() - warmStart < WARMUP_NANOS); i++) {
                writeOne(t);
            }
            return t;
        } catch (Exception e) {
            results.put(kind, AutoSelection.Candidate.excluded(kind, "calibration write failed: " + e));
            closeQuietly(t);
            backend.close();
            return null;
        }
    }

    private void measure(List<Trial> trials, Map<BackendKind, AutoSelection.Candidate> results) {
        List<Trial> live = new ArrayList<>(trials);
        for (int round = 0; round < ROUNDS && !live.isEmpty(); round++) {
            if (round >= MIN_ROUNDS && System.nanoTime() - start > BUDGET_NANOS) {
                break;
            }
            for (int i = 0; i < live.size(); i++) {
                Trial t = live.get((round + i) % live.size());
                try {
                    for (int w = 0; w < WRITES_PER_ROUND; w++) {
                        long t0 = System.nanoTime();
                        writeOne(t);
                        t.samples[t.count++] = System.nanoTime() - t0;
                    }
                } catch (Exception e) {
                    results.put(t.kind, AutoSelection.Candidate.excluded(t.kind, "calibration write failed: " + e));
                }
            }
            live.removeIf(t -> results.containsKey(t.kind));
        }
        for (Trial t : live) {
            results.put(t.kind, figures(t));
        }
    }

    private static void writeOne(Trial t) throws IOException {
        long offset = (t.nextBlock++ % SCRATCH_BLOCKS) * Alignment.BLOCK;
        t.file.writeDurable(t.block, offset);
    }

    static AutoSelection.Candidate figures(BackendKind kind, long[] samples, int count) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        long total = 0;
        for (long s : sorted) {
            total += s;
        }
        double p50 = sorted[(count - 1) / 2] / 1e3;
        double p99 = sorted[(int) Math.min(count - 1, Math.ceil(count * 0.99) - 1)] / 1e3;
        return new AutoSelection.Candidate(kind, null, count, p50, p99, count * 1e9 / total);
    }

    private static AutoSelection.Candidate figures(Trial t) {
        return figures(t.kind, t.samples, t.count);
    }

    private static void closeQuietly(Trial t) {
        try {
            if (t.file != null) {
                t.file.close();
                t.file = null;
            }
        } catch (IOException ignored) {
            // a close failure of a scratch file does not change the figures
        }
        try {
            Files.deleteIfExists(t.scratch);
        } catch (IOException ignored) {
            // leftover scratch file: overwritten by the next calibration
        }
    }
}
