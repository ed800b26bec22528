package io.ringlog.bench.target;

import io.ringlog.bench.Contender;
import io.ringlog.io.Alignment;
import io.ringlog.io.BackendKind;
import io.ringlog.io.FileOps;
import io.ringlog.io.IoBackend;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.IoBackends;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code raw} target: QD1 durable overwrites of one pre-zeroed file. The file is laid out once
 * with {@link FileOps#zeroFill} (real zero writes, then fdatasync) at {@code opsPerRound * bytesPerOp}
 * bytes, so every round of every backend, and fio, overwrites written extents from offset 0 without
 * wrapping: no unwritten-extent conversion, no i_size update (on this machine type a fallocated file
 * cost 108 us p50 vs 71-86 us for a zero-filled one). All backends share that one file, hence the same
 * extents on the same device. {@code append_force} is the exception by design: its point is the
 * growing file, so it gets a new empty file each round.
 *
 * <p>Thread-safety: not thread-safe.
 */
public final class RawTarget implements BenchTarget {
    /** Largest pre-zeroed file: 8 GiB, far more than a useful QD1 run (20000 x 4 KiB = 80 MiB). */
    static final long MAX_FILE_BYTES = 8L << 30;
    static final String DATA_FILE = "ringlog-bench-raw.dat";
    static final String APPEND_FILE = "ringlog-bench-append.dat";

    private final TargetSetup setup;
    private final Path file;
    private final long fileBytes;

    RawTarget(TargetSetup setup) {
        if (setup.threads() != 1) {
            throw new IllegalArgumentException("--target raw measures QD1 writes on one thread; got --threads "
                + setup.threads() + " (--threads applies to --target log)");
        }
        if (!Alignment.isAligned(setup.bytesPerOp())) {
            throw new IllegalArgumentException("raw target writes must be a multiple of 4096, got " + setup.bytesPerOp());
        }
        this.setup = setup;
        this.file = setup.dir().resolve(DATA_FILE);
        this.fileBytes = setup.opsPerRound() * setup.bytesPerOp();
        if (fileBytes > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("(warm-up + ops) x size = " + fileBytes + " bytes exceeds the "
                + MAX_FILE_BYTES + "-byte limit of the pre-zeroed file; lower --ops, --warmup or --size");
        }
    }

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public void prepare() throws IOException {
        Files.createDirectories(setup.dir());
        FileOps.zeroFill(file, 0, fileBytes);
        FileOps.fsyncDirectory(setup.dir());
    }

    @Override
    public List<Contender> open(String backend) throws Exception {
        return List.of(new ColdCacheContender(openBackend(backend), file));
    }

    private Contender openBackend(String backend) throws Exception {
        if (backend.startsWith(BackendNames.RAW_PREFIX) || backend.startsWith(BackendNames.RAW_BATCH_PREFIX)
            || backend.contains(BackendNames.THREADS_SEPARATOR)) {
            throw new IllegalArgumentException("'" + backend + "' is for --target log (raw: baselines, @threads); here use '"
                + BackendNames.withoutThreads(backend).replace(BackendNames.RAW_PREFIX, "") + "'");
        }
        return switch (BackendNames.check(backend)) {
            case BackendNames.APPEND_FORCE -> new AppendForceContender(setup.dir().resolve(APPEND_FILE), setup.bytesPerOp());
            case BackendNames.CHRONICLE_MSYNC -> ChronicleMsyncContender.open(file, setup.bytesPerOp());
            case BackendNames.AUTO -> logIo(AutoBackend.create(setup.dir(), IoBackendConfig.DEFAULT).backend(), true);
            default -> logIo(IoBackends.create(BackendKind.fromExternalName(backend), IoBackendConfig.DEFAULT), false);
        };
    }

    private Contender logIo(IoBackend backend, boolean auto) throws IOException {
        return logIo(backend, file, setup.bytesPerOp(), auto);
    }

    /** A log-io contender on the pre-zeroed {@code file}; closes {@code backend} if that fails. */
    static Contender logIo(IoBackend backend, Path file, int bytesPerOp, boolean auto) throws IOException {
        try {
            return new LogIoContender(backend, file, bytesPerOp, auto);
        } catch (IOException | RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    @Override
    public Optional<Path> fioFile() {
        return Optional.of(file);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(setup.dir().resolve(APPEND_FILE));
    }

    /** Drops the shared file's cached pages before each round of any backend (see {@link PageCache}). */
    record ColdCacheContender(Contender delegate, Path file) implements ForwardingContender {
        @Override
        public void beginRound() throws IOException {
            PageCache.drop(file);
            delegate.beginRound();
        }
    }
}
