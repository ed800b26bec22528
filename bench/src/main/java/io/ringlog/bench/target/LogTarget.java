package io.ringlog.bench.target;

import io.ringlog.bench.Contender;
import io.ringlog.core.format.RecordBatchEncoder;
import io.ringlog.io.Alignment;
import io.ringlog.io.BackendKind;
import io.ringlog.io.FileOps;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.IoBackends;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code log} target: {@code --threads} threads appending {@code --size}-byte records to ONE
 * embedded {@link io.ringlog.core.Log} (durability SYNC, the backend as {@code writePath}; {@code auto}
 * passes {@code "auto"}), each op one append timed from the call to its durable return on the
 * appending thread. One fresh log per backend, opened before its first round and appended to by
 * all rounds (see {@link LogSession} for why).
 *
 * <p>In the same schedule, so ratios come from one run:
 * <ul>
 *   <li>{@code raw:<backend>}: the raw target's QD1 overwrite of a pre-zeroed file through that
 *       log-io backend, always one thread, writes of {@code --size} rounded up to 4096 (a 512 B append
 *       also costs one 4 KiB device write). The baseline of the "p50 within 5 %" and
 *       "p99 within 3x" targets.</li>
 *   <li>{@code rawbatch:<backend>}: the same, but each write is the size of the one-record batch an
 *       append writes, rounded up to 4096 (8 KiB for a 4096 B record: 4166 B of batch). Isolates the
 *       log's own cost from the second block a 4 KiB record needs.</li>
 *   <li>{@code append_force}: the Kafka-style peer (append to a growing file + force per record of
 *       {@code --size} bytes); with several threads they share it under one monitor, like Kafka's log
 *       lock.</li>
 * </ul>
 * A {@code @N} suffix ({@code pwrite_dsync@1}) gives that row N appending threads instead of
 * {@code --threads}, so one run can interleave a 1-thread and a 16-thread row.
 * {@code chronicle_msync} has no log-target form (a Chronicle Queue appender is single-writer) and
 * is reported unavailable; fio has no log equivalent either.
 *
 * <p>Thread-safety: not thread-safe.
 */
public final class LogTarget implements BenchTarget {
    static final String RAW_FILE = "ringlog-bench-log-raw.dat";
    static final String APPEND_FILE = "ringlog-bench-log-append.dat";

    private final TargetSetup setup;
    private final Path rawFile;
    private final int rawBytesPerOp;
    private final int batchBytesPerOp;
    private boolean rawPrepared;

    LogTarget(TargetSetup setup) {
        this.setup = setup;
        this.rawFile = setup.dir().resolve(RAW_FILE);
        this.rawBytesPerOp = (int) Alignment.alignUp(setup.bytesPerOp());
        this.batchBytesPerOp = (int) Alignment.alignUp(RecordBatchEncoder.singleRecordBatchSize(setup.bytesPerOp()));
        long rawBytes = setup.opsPerRound() * batchBytesPerOp;
        if (rawBytes > RawTarget.MAX_FILE_BYTES) {
            throw new IllegalArgumentException("(warm-up + ops) x size = " + rawBytes + " bytes exceeds the "
                + RawTarget.MAX_FILE_BYTES + "-byte limit; lower --ops, --warmup or --size");
        }
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void prepare() throws IOException {
        Files.createDirectories(setup.dir());
    }

    @Override
    public List<Contender> open(String spec) throws Exception {
        BackendNames.check(spec);
        int threads = BackendNames.threadsOf(spec, setup.threads());
        String backend = BackendNames.withoutThreads(spec);
        if (backend.startsWith(BackendNames.RAW_PREFIX)) {
            if (threads != 1 && !spec.equals(backend)) {
                throw new IllegalArgumentException("'" + spec + "': a raw: baseline is QD1, one thread");
            }
            return List.of(openRaw(backend.substring(BackendNames.RAW_PREFIX.length()), BackendNames.RAW_PREFIX, rawBytesPerOp));
        }
        if (backend.startsWith(BackendNames.RAW_BATCH_PREFIX)) {
            if (threads != 1 && !spec.equals(backend)) {
                throw new IllegalArgumentException("'" + spec + "': a rawbatch: baseline is QD1, one thread");
            }
            return List.of(openRaw(backend.substring(BackendNames.RAW_BATCH_PREFIX.length()),
                BackendNames.RAW_BATCH_PREFIX, batchBytesPerOp));
        }
        return switch (backend) {
            case BackendNames.APPEND_FORCE -> SharedContender.views(new AppendForceContender(
                setup.dir().resolve(spec.replace('@', '-') + "-" + APPEND_FILE), setup.bytesPerOp()), threads, spec);
            case BackendNames.CHRONICLE_MSYNC -> throw new UnsupportedOperationException(
                "chronicle_msync has no log-target form; run it with --target raw");
            default -> openLog(spec, backend, threads);
        };
    }

    private List<Contender> openLog(String spec, String backend, int threads) {
        String writePath = backend.equals(BackendNames.AUTO) ? "auto" : BackendKind.fromExternalName(backend).externalName();
        LogSession session = new LogSession(setup.dir().resolve("ringlog-bench-log-" + spec.replace('@', '-')),
            writePath, setup.bytesPerOp(), setup.opsPerRound() * setup.rounds());
        List<Contender> contenders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            contenders.add(new LogAppendContender(session, t, spec, setup.bytesPerOp()));
        }
        return contenders;
    }

    private Contender openRaw(String backend, String prefix, int bytesPerOp) throws Exception {
        if (!rawPrepared) {
            // Untimed and shared by every raw: baseline, as on the raw target.
            FileOps.zeroFill(rawFile, 0, setup.opsPerRound() * batchBytesPerOp);
            FileOps.fsyncDirectory(setup.dir());
            rawPrepared = true;
        }
        Contender c = backend.equals(BackendNames.AUTO)
            ? RawTarget.logIo(AutoBackend.create(setup.dir(), IoBackendConfig.DEFAULT).backend(), rawFile, bytesPerOp, true)
            : RawTarget.logIo(IoBackends.create(BackendKind.fromExternalName(backend), IoBackendConfig.DEFAULT),
                rawFile, bytesPerOp, false);
        String what = prefix.equals(BackendNames.RAW_PREFIX)
            ? "writes of the record size rounded up to 4096 B "
            : "writes of the append's batch size rounded up to 4096 B (" + bytesPerOp + " B) ";
        return new RenamedContender(new RawTarget.ColdCacheContender(c, rawFile), prefix + c.backend(), what);
    }

    @Override
    public Optional<Path> fioFile() {
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(rawFile);
    }

    /** A baseline reported under its {@code raw:} name. */
    private record RenamedContender(Contender delegate, String backend, String what) implements ForwardingContender {
        @Override
        public String note() {
            return "QD1 baseline, 1 thread, " + what + delegate.note();
        }
    }
}
