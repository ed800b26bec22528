package io.ringlog.cli;

import io.ringlog.io.AutoBackend;
import io.ringlog.io.AutoSelection;
import io.ringlog.io.AutoSelector;
import io.ringlog.io.BackendKind;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.IoCapabilities;
import io.ringlog.io.StorageInfo;
import io.ringlog.io.uring.IoUringProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ringlog io-probe [--dir DIR] [--json]}: what the durable write paths can use in a directory
 * (kernel, file system, device queue settings, O_DIRECT, io_uring) and a fresh calibration of every
 * available path, as {@code auto} would run it, with the resulting choice. Does not read or write the
 * directory's cached choice.
 *
 * <p>Thread-safety: runs on the main thread only.
 */
@Command(name = "io-probe", mixinStandardHelpOptions = true, description = "Probe the durable write paths in a directory and calibrate them.")
public final class IoProbeCommand implements Callable<Integer> {

    @Option(names = "--dir", defaultValue = ".", description = "Directory to probe (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Override
    public Integer call() {
        Path d = dir.toAbsolutePath().normalize();
        IoCapabilities caps;
        AutoSelection selection;
        try {
            if (!Files.isDirectory(d)) {
                Files.createDirectories(d);
                System.err.println("ringlog io-probe: created " + d);
            }
            caps = IoCapabilities.of(d);
            try (AutoBackend auto = AutoSelector.calibrate(d, IoBackendConfig.DEFAULT)) {
                selection = auto.selection();
            }
        } catch (IOException e) {
            System.err.println("ringlog io-probe: " + e.getMessage());
            return 1;
        }
        if (json) {
            System.out.println(IoProbeJson.render(caps, selection));
        } else {
            printTables(System.out, caps, selection);
        }
        return 0;
    }

    static void printTables(PrintStream out, IoCapabilities caps, AutoSelection selection) {
        StorageInfo s = caps.storage();
        IoUringProbe.Result u = caps.ioUring();
        row(out, "directory", s.directory().toString());
        row(out, "kernel", selection.kernel());
        row(out, "file system", s.fsType());
        row(out, "device", s.deviceName() + " (" + s.deviceId() + ")");
        row(out, "fua", s.fua());
        row(out, "write_cache", s.writeCache());
        row(out, "logical block", (s.logicalBlockSize() == 0 ? "unknown" : s.logicalBlockSize() + " bytes")
            + ", statx dio offset align " + (s.dioOffsetAlign() == 0 ? "unknown" : s.dioOffsetAlign() + " bytes"));
        row(out, "O_DIRECT", s.directIo() ? "yes" : "no: " + s.directIoCause());
        row(out, "io_uring", u.available()
            ? "yes, setup flags " + u.setupFlagNames() + String.format(Locale.ROOT, " (0x%x)", u.setupFlags())
            + ", ops " + String.join(",", u.supportedOps().stream().sorted().toList())
            : "no: " + u.unavailabilityCause());
        out.println();
        out.println("calibration: QD1 4 KiB durable overwrites of a pre-zeroed scratch file, interleaved rounds");
        out.printf(Locale.ROOT, "%-26s %8s %9s %9s %9s  %s%n", "backend", "samples", "p50 us", "p99 us", "ops/s",
            "note");
        for (AutoSelection.Candidate c : selection.candidates()) {
            if (c.measured()) {
                double ratio = c.p50Micros() / selection.candidate(selection.chosen()).p50Micros();
                out.printf(Locale.ROOT, "%-26s %8d %9.1f %9.1f %9.0f  %s%n", c.kind().externalName(), c.samples(),
                    c.p50Micros(), c.p99Micros(), c.opsPerSecond(),
                    c.kind() == selection.chosen() ? "chosen" : String.format(Locale.ROOT, "%.2fx p50", ratio));
            } else {
                out.printf(Locale.ROOT, "%-26s %8s %9s %9s %9s  out: %s%n", c.kind().externalName(), "-", "-",
                    "-", "-", c.cause());
            }
        }
        out.println();
        out.println("choice: " + selection.chosen().externalName() + " (lowest p50)");
        out.println("switches: " + switches());
    }

    private static String switches() {
        StringBuilder sb = new StringBuilder();
        for (BackendKind k : BackendKind.values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append("-D").append(IoCapabilities.disableProperty(k)).append("=true");
        }
        return sb.toString();
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf(Locale.ROOT, "%-14s %s%n", name, value);
    }
}
