package io.ringlog.bench.report;

import io.ringlog.bench.RoundSample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable report, with exactly the names DESIGN.md section 6 fixes (other tools parse
 * them): {@code kernel, filesystem, device{name,fua,write_cache}, jdk, results[{target, backend, size,
 * threads, ops, p50_us, p99_us, p999_us, max_us, ops_per_s, mb_per_s, cpu_us_per_op}], fio{p50_us,
 * p99_us, ops_per_s, cpu_us_per_op}}}. Every figure is the median of the rounds. {@code fio} is
 * present only when fio ran; unavailable backends are not in {@code results} (the table lists them).
 * One addition to those names: {@code think_us}, present only when the run paused after every write
 * ({@code --think-us}), so a back-to-back report keeps exactly the fixed shape.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class ReportJson {
    private ReportJson() {
    }

    /** The report as JSON text. */
    public static String toJson(BenchReport report) {
        return Json.write(toMap(report));
    }

    static Map<String, Object> toMap(BenchReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        MachineFacts m = report.machine();
        root.put("kernel", m.kernel());
        root.put("filesystem", m.filesystem());
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("name", m.device());
        device.put("fua", m.fua());
        device.put("write_cache", m.writeCache());
        root.put("device", device);
        root.put("jdk", report.jdk());
        if (report.thinkMicros() > 0) {
            root.put("think_us", report.thinkMicros());
        }
        List<Object> results = new ArrayList<>();
        for (BenchResult r : report.results()) {
            results.add(result(r));
        }
        root.put("results", results);
        report.fio().ifPresent(f -> root.put("fio", fio(f.median())));
        return root;
    }

    private static Map<String, Object> result(BenchResult r) {
        RoundSample s = r.median();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("target", r.target());
        o.put("backend", r.backend());
        o.put("size", r.size());
        o.put("threads", r.threads());
        o.put("ops", s.ops());
        o.put("p50_us", round(s.p50Us()));
        o.put("p99_us", round(s.p99Us()));
        o.put("p999_us", round(s.p999Us()));
        o.put("max_us", round(s.maxUs()));
        o.put("ops_per_s", round(s.opsPerS()));
        o.put("mb_per_s", round(s.mbPerS()));
        o.put("cpu_us_per_op", round(s.cpuUsPerOp()));
        return o;
    }

    private static Map<String, Object> fio(RoundSample s) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("p50_us", round(s.p50Us()));
        o.put("p99_us", round(s.p99Us()));
        o.put("ops_per_s", round(s.opsPerS()));
        o.put("cpu_us_per_op", round(s.cpuUsPerOp()));
        return o;
    }

    /** Three decimals: HdrHistogram keeps 3 significant digits, more would be noise. */
    static Double round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 1000.0) / 1000.0;
    }
}
