package io.ringlog.io;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code auto} write path: probe what works in a directory, reuse the directory's cached choice
 * when kernel, device, file system and candidates are unchanged, else calibrate (see
 * {@link Calibrator}) and pick the lowest median latency (within 5 %, the first in {@link BackendKind} order). One INFO line states the choice, the p50s
 * and why the others lost or were out. Within one process a calibration is also remembered per
 * (kernel, device, file system, available backends), so a broker opening hundreds of partition
 * directories on one disk calibrates once, not once per directory (0.6 s each).
 *
 * <p>Thread-safety: stateless, safe from any thread; the chosen backend belongs to the caller (an
 * io_uring backend created single-issuer to the calling thread).
 */
public final class AutoSelector {
    private static final Logger LOG = LoggerFactory.getLogger(AutoSelector.class);

    /** Set to {@code true} to ignore (and rewrite) the cached choice. */
    public static final String RECALIBRATE_PROPERTY = "ringlog.io.auto.recalibrate";
    /** The cache file's name inside the log directory. */
    public static final String CHOICE_FILE = ChoiceCache.FILE_NAME;

    /** Choices calibrated in this process, by the same key as the directory cache. */
    private static final Map<ChoiceCache.Key, AutoSelection> CALIBRATED = new ConcurrentHashMap<>();

    private AutoSelector() {
    }

    /** Forgets the calibrations remembered in this process (tests of the directory cache use it). */
    static void forgetCalibrations() {
        CALIBRATED.clear();
    }

    /** Chooses, opens and returns the best backend for {@code directory}, using and updating its cache. */
    public static AutoBackend select(Path directory, IoBackendConfig config) throws IOException {
        return select(directory, config, !Boolean.getBoolean(RECALIBRATE_PROPERTY), true);
    }

    /** Calibrates every available backend now, ignoring and not writing the cache (for io-probe). */
    public static AutoBackend calibrate(Path directory, IoBackendConfig config) throws IOException {
        return select(directory, config, false, false);
    }

    private static AutoBackend select(Path directory, IoBackendConfig config, boolean readCache, boolean writeCache)
        throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        IoCapabilities caps = IoCapabilities.of(dir);
        StorageInfo storage = caps.storage();
        List<BackendKind> available = caps.availableBackends();
        ChoiceCache.Key key = new ChoiceCache.Key(IoCapabilities.kernel(), storage.deviceId(), storage.fsType(),
            available);
        String note = null;
        if (readCache && CALIBRATED.containsKey(key)) {
            AutoSelection earlier = CALIBRATED.get(key);
            AutoSelection selection = new AutoSelection(earlier.chosen(), earlier.candidates(), true,
                "calibrated earlier in this process on the same device", storage, key.kernel());
            AutoBackend reused = openCached(selection, config);
            if (reused != null) {
                writeCacheQuietly(dir, key, selection, writeCache);
                LOG.info(selection.summary());
                return reused;
            }
        }
        if (readCache) {
            ChoiceCache.Lookup cached = ChoiceCache.read(dir, key, storage);
            note = cached.note();
            if (cached.selection() != null) {
                AutoBackend reused = openCached(cached.selection(), config);
                if (reused != null) {
                    LOG.info(reused.selection().summary());
                    return reused;
                }
                note = "cached choice " + cached.selection().chosen().externalName() + " failed to open, recalibrated";
            }
        }
        Calibrator.Outcome outcome = new Calibrator(dir, config).run(available);
        List<AutoSelection.Candidate> candidates = new ArrayList<>();
        for (BackendKind k : BackendKind.values()) {
            AutoSelection.Candidate c = outcome.candidates().get(k);
            String cause = caps.unavailabilityCause(k);
            // a property flipped during the calibration can leave an available kind unmeasured
            candidates.add(c != null ? c : AutoSelection.Candidate.excluded(k, cause != null ? cause : "not calibrated"));
        }
        BackendKind chosen = lowestMedian(candidates);
        closeAllBut(outcome.backends(), chosen);
        if (chosen == null) {
            StringBuilder causes = new StringBuilder();
            for (AutoSelection.Candidate c : candidates) {
                causes.append("; ").append(c.kind().externalName()).append(": ").append(c.cause());
            }
            throw new IOException("no durable write path works in " + dir + causes);
        }
        AutoSelection selection = new AutoSelection(chosen, candidates, false, note, storage, key.kernel());
        if (writeCache) {
            CALIBRATED.put(key, selection);
        }
        writeCacheQuietly(dir, key, selection, writeCache);
        LOG.info(selection.summary());
        return new AutoBackend(outcome.backends().get(chosen), selection);
    }

    private static void writeCacheQuietly(Path dir, ChoiceCache.Key key, AutoSelection selection, boolean write) {
        if (!write) {
            return;
        }
        try {
            ChoiceCache.write(dir, key, selection);
        } catch (IOException e) {
            LOG.warn("could not cache the write-path choice in {}: {}", dir, e.toString());
        }
    }

    private static AutoBackend openCached(AutoSelection selection, IoBackendConfig config) {
        try {
            return new AutoBackend(IoBackends.create(selection.chosen(), config), selection);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * p50s within this fraction of the fastest are a tie, settled by {@link BackendKind} order (io_uring,
     * pwrite_dsync, filechannel_dsync_direct, filechannel_force). Why: a calibration's 80-320 writes
     * per candidate put the p50s of paths that differ only by software overhead within a few percent of
     * each other, so the raw lowest flipped between runs; in a same-run broker A/B on this disk
     * (512 B, one in flight) pwrite_dsync answered 4 % faster at p50 than filechannel_force, which a
     * calibration had picked at 2 % "ahead". Ties now go to the direct, one-syscall paths.
     */
    static final double TIE_FRACTION = 0.05;

    /** The chosen candidate: the first in enum order whose p50 is within {@link #TIE_FRACTION} of the lowest, or null. */
    static BackendKind lowestMedian(List<AutoSelection.Candidate> candidates) {
        AutoSelection.Candidate fastest = null;
        for (AutoSelection.Candidate c : candidates) {
            if (c.measured() && (fastest == null || c.p50Micros() < fastest.p50Micros())) {
                fastest = c;
            }
        }
        if (fastest == null) {
            return null;
        }
        double limit = fastest.p50Micros() * (1 + TIE_FRACTION);
        BackendKind chosen = fastest.kind();
        for (AutoSelection.Candidate c : candidates) {
            if (c.measured() && c.p50Micros() <= limit && c.kind().ordinal() < chosen.ordinal()) {
                chosen = c.kind();
            }
        }
        return chosen;
    }

    private static void closeAllBut(Map<BackendKind, IoBackend> backends, BackendKind keep) {
        for (Map.Entry<BackendKind, IoBackend> e : backends.entrySet()) {
            if (e.getKey() != keep) {
                e.getValue().close();
            }
        }
    }
}
