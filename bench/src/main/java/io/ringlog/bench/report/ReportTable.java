package io.ringlog.bench.report;

import io.ringlog.bench.RoundSample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The human-readable table printed on stdout: one row per backend (and fio), medians of rounds, the
 * p50 spread between rounds, and p50 / ops/s relative to {@code filechannel_dsync_direct} (the pure-JDK
 * O_DIRECT path every JDK has, so the natural baseline) when it ran.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class ReportTable {
    /** The backend ratios are given against. */
    public static final String BASELINE = "filechannel_dsync_direct";

    private ReportTable() {
    }

    /** The table text, with a header naming the machine and the notes and unavailable backends below. */
    public static String render(BenchReport report, String target, int size, long ops) {
        // The broker target has no filechannel row: its ratios are against its first backend.
        String baseline = target.equals("broker") && !report.results().isEmpty()
            ? report.results().getFirst().backend() : BASELINE;
        return render(report, target, size, ops, baseline);
    }

    /** As {@link #render(BenchReport, String, int, long)} with ratios against the backend {@code baseline}. */
    public static String render(BenchReport report, String target, int size, long ops, String baseline) {
        StringBuilder sb = new StringBuilder();
        MachineFacts m = report.machine();
        String qd1 = report.thinkMicros() > 0 ? "QD1 with " + report.thinkMicros() + " us think time after each write" : "QD1";
        sb.append(String.format(Locale.ROOT, "ringlog bench: target %s, %d B writes (requested %d), %s, %d ops x %d"
                + " rounds, %d warm-up ops per round; figures are medians of rounds%n", target, size,
            report.requestedSize(), qd1, ops, report.rounds(), report.warmup()));
        sb.append(String.format(Locale.ROOT, "machine: kernel %s, %s on %s, fua %s, write_cache %s, jdk %s%n%n",
            m.kernel(), m.filesystem(), m.device(), m.fua() == null ? "unknown" : m.fua(),
            m.writeCache() == null ? "unknown" : m.writeCache(), report.jdk()));
        List<BenchResult> rows = new ArrayList<>(report.results());
        report.fio().ifPresent(rows::add);
        Optional<RoundSample> base = report.results().stream().filter(r -> r.backend().equals(baseline))
            .findFirst().map(BenchResult::median);
        sb.append(String.format(Locale.ROOT, "%-26s %9s %9s %9s %9s %10s %8s %9s %9s %14s%n", "backend", "p50 us",
            "p99 us", "p99.9 us", "max us", "ops/s", "MB/s", "CPU us/op", "p50 sprd", "vs " + "baseline"));
        for (BenchResult r : rows) {
            RoundSample s = r.median();
            String ratio = base.map(b -> String.format(Locale.ROOT, "%.2fx/%.2fx", s.p50Us() / b.p50Us(),
                s.opsPerS() / b.opsPerS())).orElse("-");
            sb.append(String.format(Locale.ROOT, "%-26s %9.1f %9.1f %9.1f %9.1f %10.0f %8.1f %9.1f %8.0f%% %14s%n",
                r.backend(), s.p50Us(), s.p99Us(), s.p999Us(), s.maxUs(), s.opsPerS(), s.mbPerS(), s.cpuUsPerOp(),
                r.p50SpreadPercent(), ratio));
        }
        if (base.isPresent()) {
            sb.append("(vs baseline = p50 ratio / ops/s ratio against ").append(baseline).append(" in this run)\n");
        }
        for (BenchResult r : rows) {
            if (!r.note().isEmpty()) {
                sb.append("note: ").append(r.backend()).append(": ").append(r.note()).append('\n');
            }
        }
        for (BenchReport.Unavailable u : report.unavailable()) {
            sb.append("unavailable: ").append(u.backend()).append(": ").append(u.cause()).append('\n');
        }
        return sb.toString();
    }
}
