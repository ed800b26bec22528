package io.ringlog.bench;

import io.ringlog.bench.report.BenchReport;
import io.ringlog.bench.report.LatencyPlot;
import io.ringlog.bench.report.OutputFiles;
import io.ringlog.bench.report.ReportCsv;
import io.ringlog.bench.report.ReportJson;
import io.ringlog.bench.report.ReportTable;
import io.ringlog.bench.target.BackendNames;
import io.ringlog.bench.target.BenchTarget;
import io.ringlog.bench.target.BrokerOptions;
import io.ringlog.bench.target.BrokerSpec;
import io.ringlog.bench.target.TargetSetup;
import io.ringlog.bench.target.TargetUnavailableException;
import io.ringlog.bench.target.Targets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ringlog bench}: durable-write latency of every backend side by side, interleaved in rounds,
 * optionally against fio, with JSON/CSV/plot output written only when the whole run succeeded.
 * Exit codes: 0 done, 1 the run failed or was interrupted (no result file written), 2 bad arguments
 * or target not available.
 *
 * <p>Thread-safety: runs on the main thread; its shutdown hook only aborts output and stops fio.
 */
@Command(name = "bench", sortOptions = false,
    description = {"Durable-write latency benchmark: QD1 durable writes through every backend, interleaved in rounds,"
        + " medians of rounds; optionally fio's equivalent job in the same run.",
        "Table on stdout, progress on stderr. Result files are written only when the whole run succeeds."})
public final class BenchCommand implements Callable<Integer> {
    private static final String KAFKA_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.apache.kafka";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--dir", required = true, description = "Directory on the file system to measure (created if missing).")
    Path dir;

    @Option(names = "--target", defaultValue = "raw", description = "raw (pre-zeroed file, log-io), log (embedded log) or broker (a Kafka-protocol broker via"
        + " kafka-clients). Default: ${DEFAULT-VALUE}.")
    String target;

    @Option(names = "--backend", split = ",", description = "Backends, comma-separated: io_uring, pwrite_dsync,"
        + " filechannel_dsync_direct, filechannel_force, append_force, chronicle_msync, auto. Default: all.")
    List<String> backends;

    @Option(names = "--bootstrap", description = "broker target: also measure the external broker at HOST:PORT"
        + " (backend external=HOST:PORT); without --backend only that one.")
    String bootstrap;

    @Option(names = "--batched", description = "broker target: batched asynchronous sends (MB/s) instead of one record in flight.")
    boolean batched;

    @Option(names = "--size", defaultValue = "4096", description = "Bytes per write (raw: rounded up to 4096). Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--threads", defaultValue = "1", description = "Appending threads (raw: must be 1). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--ops", defaultValue = "20000", description = "Measured writes per backend per round. Default: ${DEFAULT-VALUE}.")
    int ops;

    @Option(names = "--warmup", defaultValue = "2000", description = "Unrecorded writes before each round. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds; figures are medians of rounds. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--think-us", defaultValue = "0", description = "Pause after every write, in microseconds, so the device"
        + " and CPUs go idle between writes as between a client's requests (not in the latency; fio gets thinktime)."
        + " Default: ${DEFAULT-VALUE} (back to back).")
    int thinkMicros;

    @Option(names = "--fio", description = "Also run fio's equivalent job (io_uring, direct, dsync, QD1) in every round.")
    boolean fio;

    @Option(names = "--json", description = "Write the JSON report here.")
    Path json;

    @Option(names = "--csv", description = "Write the results as CSV here.")
    Path csv;

    @Option(names = "--plot", description = "Write the latency-by-percentile chart here (PNG; SVG if the name ends .svg).")
    Path plot;

    @Override
    public Integer call() {
        // The plot is rendered with Java2D off-screen; never try to reach a display (bin/ringlog does
        // not pass -Djava.awt.headless, and AWT reads it once, so set it before anything touches AWT).
        System.setProperty("java.awt.headless", "true");
        // kafka-clients logs every client's whole configuration at INFO: keep stderr to the progress lines
        // (slf4j-simple reads a logger's level when the logger is created, i.e. after this).
        if (System.getProperty(KAFKA_LOG_LEVEL) == null) {
            System.setProperty(KAFKA_LOG_LEVEL, "warn");
        }
        BenchSettings settings;
        try {
            String t = target.toLowerCase(Locale.ROOT);
            settings = new BenchSettings(dir, t, backendsFor(t), size, threads, ops, warmup, rounds, fio, thinkMicros);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        }
        return execute(settings, System.out, System.err);
    }

    static List<String> defaultBackends() {
        return BackendNames.all();
    }

    /** --backend, else the target's default; on the broker target --bootstrap adds an external backend. */
    private List<String> backendsFor(String t) {
        if (batched && thinkMicros > 0) {
            throw new IllegalArgumentException("--think-us applies to one write in flight, not to --batched sends");
        }
        if (!t.equals("broker")) {
            if (bootstrap != null || batched) {
                throw new IllegalArgumentException("--bootstrap and --batched apply to --target broker only");
            }
            return backends == null ? defaultBackends() : backends;
        }
        List<String> list = new java.util.ArrayList<>(backends == null ? List.of() : backends);
        if (bootstrap != null) {
            list.add("external=" + bootstrap);
        }
        if (list.isEmpty()) {
            list.add(BrokerSpec.RINGLOG);
        }
        return list;
    }

    /** Runs {@code settings} (on the target named in them) and writes the outputs; returns the exit code. */
    public int execute(BenchSettings settings, PrintStream out, PrintStream err) {
        BenchTarget benchTarget;
        try {
            Files.createDirectories(settings.dir());
            benchTarget = Targets.create(settings.target(), new TargetSetup(settings.dir(), settings.size(),
                (long) settings.ops() + settings.warmup(), settings.threads(), settings.rounds()),
                new BrokerOptions(batched, settings.warmup(), settings.ops()));
        } catch (TargetUnavailableException | IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            err.println("bench: cannot create " + settings.dir() + ": " + e.getMessage());
            return 2;
        }
        return execute(settings, benchTarget, out, err);
    }

    /** Runs {@code settings} on {@code benchTarget} (tests pass their own) and writes the outputs. */
    public int execute(BenchSettings settings, BenchTarget benchTarget, PrintStream out, PrintStream err) {
        OutputFiles outputs = new OutputFiles();
        BenchRun run = new BenchRun(settings, benchTarget, err);
        AtomicBoolean finished = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (!finished.get()) {
                run.interrupt();
                outputs.abort();
                err.println("bench: interrupted: no results written");
            }
        }, "ringlog-bench-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            BenchReport report = run.run();
            out.print(ReportTable.render(report, settings.target(), settings.size(), settings.ops()));
            stage(outputs, report, settings);
            for (Path p : outputs.commit()) {
                err.println("bench: wrote " + p);
            }
            return 0;
        } catch (Exception | LinkageError e) {
            outputs.abort();
            err.println("bench: failed: " + BenchRun.describe(e));
            err.println("bench: no results written");
            return 1;
        } finally {
            finished.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting; the hook has run or will run and sees finished
            }
        }
    }

    private void stage(OutputFiles outputs, BenchReport report, BenchSettings s) throws java.io.IOException {
        String title = s.target().equals("broker")
            ? String.format(Locale.ROOT, "ringlog bench broker: %d B records, acks=all, %s", s.size(),
                batched ? "batched" : "one in flight")
            : String.format(Locale.ROOT, "ringlog bench %s: durable %d B writes, QD1", s.target(), s.size());
        if (json != null) {
            outputs.stage(json, f -> Files.writeString(f, ReportJson.toJson(report), StandardCharsets.UTF_8));
        }
        if (csv != null) {
            outputs.stage(csv, f -> Files.writeString(f, ReportCsv.toCsv(report), StandardCharsets.UTF_8));
        }
        if (plot != null) {
            outputs.stage(plot, f -> LatencyPlot.write(report, title, f));
        }
    }
}
