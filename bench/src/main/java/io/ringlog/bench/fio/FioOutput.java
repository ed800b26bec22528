package io.ringlog.bench.fio;

import io.ringlog.bench.RoundSample;
import io.ringlog.bench.report.Json;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses fio's {@code --output-format=json} for one write job into a {@link RoundSample}:
 * percentiles from {@code write.lat_ns.percentile} (total latency; {@code clat_ns} would leave out
 * submission time), max from {@code write.lat_ns.max}, {@code write.iops}, and CPU per op as
 * {@code (usr_cpu + sys_cpu) / 100 * job_runtime / total_ios} (fio reports CPU as a percentage of the
 * job's runtime in milliseconds).
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class FioOutput {
    private FioOutput() {
    }

    /** The figures of the first job in {@code json}, for {@code bs}-byte writes. */
    public static RoundSample parse(String json, int bs) {
        Map<String, Object> root = object(Json.parse(json), "fio output");
        List<?> jobs = (List<?>) root.get("jobs");
        if (jobs == null || jobs.isEmpty()) {
            throw new IllegalArgumentException("fio output has no jobs");
        }
        Map<String, Object> job = object(jobs.getFirst(), "jobs[0]");
        double error = number(job, "error");
        if (error != 0) {
            throw new IllegalArgumentException("fio job failed with error " + (long) error);
        }
        Map<String, Object> write = object(job.get("write"), "jobs[0].write");
        Map<String, Object> lat = object(write.get("lat_ns"), "write.lat_ns (run fio with --lat_percentiles=1)");
        Map<String, Object> pct = object(lat.get("percentile"), "write.lat_ns.percentile");
        TreeMap<Double, Double> latencyUs = new TreeMap<>();
        for (Map.Entry<String, Object> e : pct.entrySet()) {
            latencyUs.put(Double.parseDouble(e.getKey()), ((Number) e.getValue()).doubleValue() / 1000.0);
        }
        long ios = (long) number(write, "total_ios");
        double iops = number(write, "iops");
        double runtimeMs = number(job, "job_runtime");
        double cpuPercent = number(job, "usr_cpu") + number(job, "sys_cpu");
        double cpuUsPerOp = ios == 0 ? Double.NaN : cpuPercent / 100.0 * runtimeMs * 1000.0 / ios;
        return new RoundSample(ios, latencyUs, number(lat, "max") / 1000.0, iops, iops * bs / 1e6, cpuUsPerOp);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o, String what) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("fio output: " + what + " missing or not an object");
        }
        return (Map<String, Object>) m;
    }

    private static double number(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("fio output: '" + key + "' missing or not a number");
        }
        return n.doubleValue();
    }
}
