package io.ringlog.bench.report;

import io.ringlog.bench.RoundSample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results as CSV, one row per backend plus one for fio, with the JSON's column names and two
 * more: {@code rounds} and {@code p50_spread_pct} (how far the rounds' p50 disagreed).
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class ReportCsv {
    static final String HEADER = "target,backend,size,threads,ops,p50_us,p99_us,p999_us,max_us,ops_per_s,mb_per_s,"
        + "cpu_us_per_op,rounds,p50_spread_pct";

    private ReportCsv() {
    }

    /** The CSV text, header first. */
    public static String toCsv(BenchReport report) {
        List<BenchResult> rows = new ArrayList<>(report.results());
        report.fio().ifPresent(rows::add);
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (BenchResult r : rows) {
            RoundSample s = r.median();
            sb.append(String.join(",", r.target(), r.backend(), Integer.toString(r.size()),
                Integer.toString(r.threads()), Long.toString(s.ops()), f(s.p50Us()), f(s.p99Us()), f(s.p999Us()),
                f(s.maxUs()), f(s.opsPerS()), f(s.mbPerS()), f(s.cpuUsPerOp()), Integer.toString(r.rounds().size()),
                f(r.p50SpreadPercent()))).append('\n');
        }
        return sb.toString();
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }
}
