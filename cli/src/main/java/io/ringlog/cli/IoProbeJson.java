package io.ringlog.cli;

import io.ringlog.io.AutoSelection;
import io.ringlog.io.IoCapabilities;
import io.ringlog.io.StorageInfo;
import io.ringlog.io.uring.IoUringProbe;

import java.util.Locale;

/**
 * The JSON form of {@code ringlog io-probe --json}. Field names follow the bench JSON of DESIGN.md
 * ({@code kernel}, {@code filesystem}, {@code device.name/fua/write_cache}, {@code p50_us}, ...).
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
final class IoProbeJson {
    private IoProbeJson() {
    }

    static String render(IoCapabilities caps, AutoSelection selection) {
        StorageInfo s = caps.storage();
        IoUringProbe.Result u = caps.ioUring();
        StringBuilder sb = new StringBuilder("{");
        field(sb, "directory", str(s.directory().toString())).append(',');
        field(sb, "kernel", str(selection.kernel())).append(',');
        field(sb, "filesystem", str(s.fsType())).append(',');
        sb.append("\"device\":{");
        field(sb, "id", str(s.deviceId())).append(',');
        field(sb, "name", str(s.deviceName())).append(',');
        field(sb, "fua", str(s.fua())).append(',');
        field(sb, "write_cache", str(s.writeCache())).append(',');
        field(sb, "logical_block_size", Integer.toString(s.logicalBlockSize())).append(',');
        field(sb, "dio_offset_align", Integer.toString(s.dioOffsetAlign())).append("},");
        sb.append("\"direct_io\":{");
        field(sb, "available", Boolean.toString(s.directIo())).append(',');
        field(sb, "cause", str(s.directIoCause())).append("},");
        sb.append("\"io_uring\":{");
        field(sb, "available", Boolean.toString(u.available())).append(',');
        field(sb, "cause", str(u.unavailabilityCause())).append(',');
        field(sb, "setup_flags", Integer.toString(u.setupFlags())).append(',');
        field(sb, "setup_flag_names", str(u.setupFlagNames())).append(',');
        sb.append("\"ops\":[");
        sb.append(String.join(",", u.supportedOps().stream().sorted().map(IoProbeJson::str).toList())).append("]},");
        sb.append("\"calibration\":[");
        boolean first = true;
        for (AutoSelection.Candidate c : selection.candidates()) {
            sb.append(first ? "" : ",").append('{');
            first = false;
            field(sb, "backend", str(c.kind().externalName())).append(',');
            field(sb, "available", Boolean.toString(c.measured())).append(',');
            field(sb, "cause", str(c.cause())).append(',');
            field(sb, "samples", Integer.toString(c.samples())).append(',');
            field(sb, "p50_us", num(c.p50Micros())).append(',');
            field(sb, "p99_us", num(c.p99Micros())).append(',');
            field(sb, "ops_per_s", num(c.opsPerSecond())).append('}');
        }
        sb.append("],");
        field(sb, "chosen", str(selection.chosen().externalName()));
        return sb.append('}').toString();
    }

    private static StringBuilder field(StringBuilder sb, String name, String jsonValue) {
        return sb.append('"').append(name).append("\":").append(jsonValue);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "null";
    }

    /** A JSON string literal (null for null), escaping quotes, backslashes and control characters. */
    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
