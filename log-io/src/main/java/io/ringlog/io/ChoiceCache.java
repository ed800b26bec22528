package io.ringlog.io;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The cached {@code auto} choice of a directory, in {@value #FILE_NAME} (a properties file). It is
 * valid while the kernel, the device, the file system type and the set of available candidates are the
 * ones it was measured with; anything else (or a damaged file) means "calibrate again".
 *
 * <p>Thread-safety: stateless, safe from any thread; concurrent writers each replace the file
 * atomically (rename), the last one wins.
 */
final class ChoiceCache {
    /** The cache file's name inside the log directory. */
    static final String FILE_NAME = ".ringlog-io-choice";
    private static final String VERSION = "1";

    private ChoiceCache() {
    }

    /** What a cached choice must match to be reused. */
    record Key(String kernel, String device, String fsType, List<BackendKind> available) {
        String availableNames() {
            return available.stream().map(BackendKind::externalName).collect(Collectors.joining(","));
        }
    }

    /** A cached choice, or the reason the file was not usable. */
    record Lookup(AutoSelection selection, String note) {
    }

    static Path file(Path directory) {
        return directory.resolve(FILE_NAME);
    }

    /** Reads the cached choice for {@code key}; the selection is null when there is none or it is stale. */
    static Lookup read(Path directory, Key key, StorageInfo storage) {
        Path f = file(directory);
        if (!Files.exists(f)) {
            return new Lookup(null, null);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return new Lookup(null, "cached choice unreadable (" + e.getMessage() + "), recalibrated");
        }
        String mismatch = mismatch(p, key);
        if (mismatch != null) {
            return new Lookup(null, "cached choice invalidated: " + mismatch);
        }
        try {
            BackendKind chosen = BackendKind.fromExternalName(p.getProperty("chosen", ""));
            List<AutoSelection.Candidate> candidates = new ArrayList<>();
            for (BackendKind k : BackendKind.values()) {
                candidates.add(candidate(p, k));
            }
            if (!candidates.get(chosen.ordinal()).measured()) {
                return new Lookup(null, "cached choice invalidated: chosen backend has no figures");
            }
            return new Lookup(new AutoSelection(chosen, candidates, true, null, storage, key.kernel()), null);
        } catch (IllegalArgumentException e) {
            return new Lookup(null, "cached choice unreadable (" + e.getMessage() + "), recalibrated");
        }
    }

    private static String mismatch(Properties p, Key key) {
        if (!VERSION.equals(p.getProperty("version"))) {
            return "format version " + p.getProperty("version") + " != " + VERSION;
        }
        String[][] checks = {
            {"kernel", key.kernel()}, {"device", key.device()}, {"fs", key.fsType()},
            {"candidates", key.availableNames()}};
        for (String[] c : checks) {
            String cached = p.getProperty(c[0]);
            if (!c[1].equals(cached)) {
                return c[0] + " changed (" + cached + " -> " + c[1] + ")";
            }
        }
        return null;
    }

    private static AutoSelection.Candidate candidate(Properties p, BackendKind k) {
        String cause = p.getProperty("cause." + k.externalName());
        if (cause != null) {
            return AutoSelection.Candidate.excluded(k, cause);
        }
        String figures = p.getProperty("figures." + k.externalName());
        if (figures == null) {
            throw new IllegalArgumentException("no figures or cause for " + k.externalName());
        }
        String[] f = figures.split(",");
        if (f.length != 4) {
            throw new IllegalArgumentException("bad figures for " + k.externalName() + ": " + figures);
        }
        return new AutoSelection.Candidate(k, null, Integer.parseInt(f[0]), Double.parseDouble(f[1]),
            Double.parseDouble(f[2]), Double.parseDouble(f[3]));
    }

    /** Writes the choice atomically (temporary file, then rename). */
    static void write(Path directory, Key key, AutoSelection selection) throws IOException {
        Properties p = new Properties();
        p.setProperty("version", VERSION);
        p.setProperty("kernel", key.kernel());
        p.setProperty("device", key.device());
        p.setProperty("fs", key.fsType());
        p.setProperty("candidates", key.availableNames());
        p.setProperty("chosen", selection.chosen().externalName());
        p.setProperty("calibrated_at", Instant.now().toString());
        for (AutoSelection.Candidate c : selection.candidates()) {
            if (c.measured()) {
                p.setProperty("figures." + c.kind().externalName(), String.format(Locale.ROOT, "%d,%.3f,%.3f,%.1f",
                    c.samples(), c.p50Micros(), c.p99Micros(), c.opsPerSecond()));
            } else {
                p.setProperty("cause." + c.kind().externalName(), c.cause());
            }
        }
        Path tmp = directory.resolve(FILE_NAME + ".tmp-" + ProcessHandle.current().pid());
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "ringlog auto write-path choice; delete to recalibrate. figures = samples,p50_us,p99_us,ops_per_s");
        }
        Files.move(tmp, file(directory), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
