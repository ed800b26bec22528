package io.ringlog.bench;

import io.ringlog.bench.fio.FioJob;
import io.ringlog.bench.fio.FioTrial;
import io.ringlog.bench.report.BenchReport;
import io.ringlog.bench.report.BenchResult;
import io.ringlog.bench.report.MachineFacts;
import io.ringlog.bench.target.BenchTarget;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs a bench: prepares the target, opens every backend (one that fails to open is reported
 * "unavailable: cause" and the run goes on), adds fio when asked and installed, runs the interleaved
 * schedule and returns the report. A failure during measurement aborts the whole run with the cause:
 * half a comparison is not a result.
 *
 * <p>Thread-safety: one thread runs {@link #run}; {@link #interrupt()} may be called from another
 * (a shutdown hook) to stop a running fio.
 */
public final class BenchRun {
    private final BenchSettings settings;
    private final BenchTarget target;
    private final PrintStream progress;
    private final List<Trial> open = new CopyOnWriteArrayList<>();

    public BenchRun(BenchSettings settings, BenchTarget target, PrintStream progress) {
        this.settings = settings;
        this.target = target;
        this.progress = progress;
    }

    /** Runs everything and returns the report; closes every trial and the target's files. */
    public BenchReport run() throws Exception {
        try {
            long fileMb = (long) settings.size() * (settings.ops() + settings.warmup()) >> 20;
            progress.printf(Locale.ROOT, "bench: preparing target %s in %s%s%n", target.name(), settings.dir(),
                target.name().equals("broker") ? "" : " (pre-zeroed file ~" + fileMb + " MiB)");
            target.prepare();
            MachineFacts machine = MachineFacts.probe(settings.dir());
            List<BenchReport.Unavailable> unavailable = new ArrayList<>();
            openTrials(unavailable);
            if (open.isEmpty()) {
                throw new IllegalStateException("no backend could run here: " + unavailable);
            }
            Map<Trial, List<RoundSample>> samples = runSchedule();
            return report(machine, samples, unavailable);
        } finally {
            closeAll();
        }
    }

    private void openTrials(List<BenchReport.Unavailable> unavailable) {
        Measurement.Plan plan = new Measurement.Plan(settings.warmup(), settings.ops(), settings.size(),
            settings.thinkMicros() * 1_000L);
        for (String backend : settings.backends()) {
            try {
                open.add(new MeasuredTrial(target.open(backend), plan));
            } catch (Exception | LinkageError e) {
                unavailable.add(new BenchReport.Unavailable(backend, describe(e)));
                progress.println("bench: " + backend + " unavailable: " + describe(e));
            }
        }
        if (settings.fio()) {
            openFio(unavailable);
        }
    }

    private void openFio(List<BenchReport.Unavailable> unavailable) {
        Optional<java.nio.file.Path> fio = FioJob.locate();
        String cause = null;
        if (fio.isEmpty()) {
            cause = "fio not installed (no fio on PATH; e.g. apt-get install fio)";
        } else if (target.fioFile().isEmpty()) {
            cause = "target " + target.name() + " has no fio equivalent";
        } else {
            try {
                open.add(FioTrial.open(new FioJob(fio.get(), target.fioFile().get(), settings.size(), settings.ops(),
                    settings.thinkMicros())));
            } catch (Exception e) {
                cause = describe(e);
            }
        }
        if (cause != null) {
            unavailable.add(new BenchReport.Unavailable("fio", cause));
            progress.println("bench: fio unavailable: " + cause);
        }
    }

    private Map<Trial, List<RoundSample>> runSchedule() throws Exception {
        Map<Trial, List<RoundSample>> samples = new LinkedHashMap<>();
        List<RoundSchedule.Slot<Trial>> slots = RoundSchedule.interleave(List.copyOf(open), settings.rounds());
        int n = 0;
        for (RoundSchedule.Slot<Trial> slot : slots) {
            n++;
            long start = System.nanoTime();
            RoundSample s;
            try {
                s = slot.item().runRound();
            } catch (Exception e) {
                throw new BenchFailedException("round " + slot.round() + " of " + slot.item().name() + " failed: "
                    + describe(e), e);
            }
            samples.computeIfAbsent(slot.item(), k -> new ArrayList<>()).add(s);
            progress.printf(Locale.ROOT, "[%d/%d] round %d/%d %-24s p50 %8.1f us  p99 %8.1f us  %9.0f ops/s  (%.1f s)%n",
                n, slots.size(), slot.round(), settings.rounds(), slot.item().name(), s.p50Us(), s.p99Us(),
                s.opsPerS(), (System.nanoTime() - start) / 1e9);
        }
        return samples;
    }

    private BenchReport report(MachineFacts machine, Map<Trial, List<RoundSample>> samples,
                               List<BenchReport.Unavailable> unavailable) {
        List<BenchResult> results = new ArrayList<>();
        BenchResult fio = null;
        for (Map.Entry<Trial, List<RoundSample>> e : samples.entrySet()) {
            int threads = e.getKey().threads() > 0 ? e.getKey().threads() : settings.threads();
            BenchResult r = new BenchResult(target.name(), e.getKey().name(), settings.size(), threads,
                e.getKey().note(), e.getValue());
            if (e.getKey() instanceof FioTrial) {
                fio = r;
            } else {
                results.add(r);
            }
        }
        return new BenchReport(machine, BenchReport.currentJdk(), results, Optional.ofNullable(fio), unavailable,
            settings.rounds(), settings.warmup(), settings.requestedSize(), settings.thinkMicros());
    }

    /**
     * For an interrupted run: stops a running fio child and deletes the target's files (an unlinked
     * file stays writable by the measuring thread until the JVM exits).
     */
    public void interrupt() {
        for (Trial t : open) {
            if (t instanceof FioTrial f) {
                f.destroyRunning();
            }
        }
        try {
            target.close();
        } catch (Exception e) {
            progress.println("bench: removing the target's files failed: " + describe(e));
        }
    }

    private void closeAll() {
        for (Trial t : open) {
            try {
                t.close();
            } catch (Exception e) {
                progress.println("bench: closing " + t.name() + " failed: " + describe(e));
            }
        }
        open.clear();
        try {
            target.close();
        } catch (Exception e) {
            progress.println("bench: removing the target's files failed: " + describe(e));
        }
    }

    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(" (caused by ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(')');
        }
        return sb.toString();
    }

    /** A measurement failed: the run produced no result. Thread-safety: immutable. */
    public static final class BenchFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        BenchFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
