package io.ringlog.bench.fio;

import io.ringlog.bench.RoundSample;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The fio job equivalent to the raw target: io_uring, O_DIRECT ({@code direct=1}), O_DSYNC
 * ({@code sync=dsync}), queue depth 1, sequential overwrite ({@code rw=write}) of the same pre-zeroed
 * file from offset 0, {@code bs} = the bench's write size, {@code ops * bs} bytes. fio is told not to
 * create or fallocate the file, so it overwrites the extents the bench laid out. Total latency
 * percentiles ({@code --lat_percentiles=1}: submission to completion, the figure comparable with a
 * call-to-return time) at the same percentiles the bench records.
 *
 * <p>fio has no op-count warm-up ({@code ramp_time} is time-based); being C it needs no JIT warm-up,
 * and the file is the same warm pre-zeroed file, so it runs without one (documented).
 *
 * @param fio   the fio executable
 * @param file  the pre-laid file
 * @param bs    bytes per write
 * @param ops   writes per round
 * @param thinkMicros fio's {@code thinktime} after every write (0: none), the bench's {@code --think-us}
 *
 * <p>Thread-safety: immutable.
 */
public record FioJob(Path fio, Path file, int bs, long ops, int thinkMicros) {

    /** Writes back to back. */
    public FioJob(Path fio, Path file, int bs, long ops) {
        this(fio, file, bs, ops, 0);
    }

    /** The fio executable on PATH, or empty ("fio not installed"). */
    public static Optional<Path> locate() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "fio");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A copy of this job with another op count (used for the untimed availability probe). */
    public FioJob withOps(long newOps) {
        return new FioJob(fio, file, bs, newOps, thinkMicros);
    }

    /** The command line. */
    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(fio.toString());
        cmd.add("--name=ringlog-raw");
        cmd.add("--filename=" + file);
        cmd.add("--ioengine=io_uring");
        cmd.add("--direct=1");
        cmd.add("--sync=dsync");
        cmd.add("--iodepth=1");
        cmd.add("--rw=write");
        cmd.add("--bs=" + bs);
        cmd.add("--size=" + ops * bs);
        cmd.add("--offset=0");
        cmd.add("--allow_file_create=0");
        cmd.add("--fallocate=none");
        if (thinkMicros > 0) {
            cmd.add("--thinktime=" + thinkMicros); // microseconds
            cmd.add("--thinktime_blocks=1");
        }
        cmd.add("--lat_percentiles=1");
        cmd.add("--percentile_list=" + percentileList());
        cmd.add("--output-format=json");
        return List.copyOf(cmd);
    }

    /** The command as one shell-quotable line, for the report. */
    public String commandLine() {
        return String.join(" ", command());
    }

    static String percentileList() {
        StringJoiner j = new StringJoiner(":");
        for (double p : RoundSample.PERCENTILES) {
            j.add(String.format(Locale.ROOT, "%s", p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)));
        }
        return j.toString();
    }
}
