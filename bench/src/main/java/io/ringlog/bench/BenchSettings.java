package io.ringlog.bench;

import io.ringlog.bench.target.BackendNames;
import io.ringlog.bench.target.BrokerSpec;
import io.ringlog.io.Alignment;

import java.nio.file.Path;
import java.util.List;

/**
 * One validated bench configuration.
 *
 * @param dir           directory on the file system to measure
 * @param target        "raw", "log" or "broker"
 * @param backends      backend names, in the order they run within each round
 * @param requestedSize the --size given
 * @param threads       appending threads
 * @param ops           measured operations per round
 * @param warmup        unrecorded operations before them in every round
 * @param rounds        rounds (each backend runs once per round)
 * @param fio           whether to run the fio twin in the schedule
 * @param thinkMicros   pause after every operation, in microseconds (0: back to back)
 *
 * <p>Thread-safety: immutable.
 */
public record BenchSettings(Path dir, String target, List<String> backends, int requestedSize, int threads,
                            int ops, int warmup, int rounds, boolean fio, int thinkMicros) {

    /** Longest think time accepted: one second between operations. */
    public static final int MAX_THINK_MICROS = 1_000_000;

    public BenchSettings {
        backends = List.copyOf(backends);
        backends.forEach(target.equals("broker") ? BrokerSpec::check : BackendNames::check);
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("no backend given");
        }
        if (backends.stream().distinct().count() != backends.size()) {
            throw new IllegalArgumentException("a backend is listed twice: " + backends);
        }
        if (requestedSize < 1 || threads < 1 || ops < 1 || warmup < 0 || rounds < 1) {
            throw new IllegalArgumentException("--size, --threads, --ops and --rounds must be positive and --warmup"
                + " not negative; got size " + requestedSize + ", threads " + threads + ", ops " + ops + ", warmup "
                + warmup + ", rounds " + rounds);
        }
        if (thinkMicros < 0 || thinkMicros > MAX_THINK_MICROS) {
            throw new IllegalArgumentException("--think-us must be in [0, " + MAX_THINK_MICROS + "], got " + thinkMicros);
        }
    }

    /** Operations back to back (no think time). */
    public BenchSettings(Path dir, String target, List<String> backends, int requestedSize, int threads,
                         int ops, int warmup, int rounds, boolean fio) {
        this(dir, target, backends, requestedSize, threads, ops, warmup, rounds, fio, 0);
    }

    /**
     * Bytes each write actually makes durable. The raw target rounds --size up to 4096 for every backend
     * (O_DIRECT needs 4096-aligned lengths here, and giving every backend the same bytes keeps rows
     * comparable); the log target appends records of exactly --size bytes.
     */
    public int size() {
        return target.equals("raw") ? (int) Alignment.alignUp(requestedSize) : requestedSize;
    }
}
