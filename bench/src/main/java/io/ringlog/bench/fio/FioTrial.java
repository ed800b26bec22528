package io.ringlog.bench.fio;

import io.ringlog.bench.RoundSample;
import io.ringlog.bench.Trial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * fio as one more trial of the schedule: each round runs {@link FioJob} once and parses its JSON.
 * {@link #open} runs the job with 16 writes first (untimed, not recorded) so a fio that cannot run here
 * (no io_uring, no O_DIRECT on tmpfs) is reported unavailable with fio's own message instead of failing
 * the run half-way.
 *
 * <p>Thread-safety: not thread-safe; {@link #destroyRunning()} may be called from a shutdown hook.
 */
public final class FioTrial implements Trial {
    /** A QD1 round of 100k 4 KiB writes takes ~10 s here; 30 min means fio is stuck. */
    private static final long TIMEOUT_MINUTES = 30;
    private static final int PROBE_OPS = 16;

    private final FioJob job;
    private volatile Process running;

    private FioTrial(FioJob job) {
        this.job = job;
    }

    /** A trial of {@code job} after checking that fio runs it here. */
    public static FioTrial open(FioJob job) throws IOException, InterruptedException {
        FioTrial trial = new FioTrial(job);
        trial.execute(job.withOps(Math.min(PROBE_OPS, job.ops())));
        return trial;
    }

    @Override
    public String name() {
        return "fio";
    }

    @Override
    public String note() {
        return "fio io_uring direct=1 sync=dsync iodepth=1 bs=" + job.bs() + ", no warm-up";
    }

    /** The job, for printing its command line. */
    public FioJob job() {
        return job;
    }

    @Override
    public RoundSample runRound() throws IOException, InterruptedException {
        return execute(job);
    }

    private RoundSample execute(FioJob j) throws IOException, InterruptedException {
        Path err = Files.createTempFile("ringlog-fio", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(j.command()).redirectError(err.toFile());
            Process p = pb.start();
            running = p;
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("fio did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            if (p.exitValue() != 0) {
                throw new IOException("fio exited with " + p.exitValue() + ": "
                    + Files.readString(err, StandardCharsets.UTF_8).strip() + " (command: " + j.commandLine() + ")");
            }
            // fio may print notes before the JSON document; it starts at the first '{'.
            int start = out.indexOf('{');
            if (start < 0) {
                throw new IOException("fio printed no JSON: " + out.strip());
            }
            return FioOutput.parse(out.substring(start), j.bs());
        } finally {
            running = null;
            Files.deleteIfExists(err);
        }
    }

    /** Kills a fio that is running now (for an interrupted bench). */
    public void destroyRunning() {
        Process p = running;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    @Override
    public void close() {
        destroyRunning();
    }
}
