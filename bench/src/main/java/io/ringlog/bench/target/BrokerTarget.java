package io.ringlog.bench.target;

import io.ringlog.bench.Contender;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code broker} target: a Kafka-protocol broker measured with kafka-clients the way the issue's
 * Apache Kafka reference was (acks=all, one record of {@code --size} bytes in flight, or batched
 * throughput with {@code --batched}), so an external Kafka and ringlog interleave in one run. Backends
 * are {@link BrokerSpec}s: {@code ringlog} (started here on the durable store in {@code --dir}),
 * {@code ringlog_memory}, or {@code NAME=HOST:PORT[?topic configs]} for an external broker; and
 * {@code raw:<log-io backend or auto>}, the log target's same-run baseline (one QD1 durable 4 KiB
 * overwrite: the device part of a durable acknowledgement, for a breakdown).
 *
 * <p>One producer and one fresh topic per backend for the whole run (created before the first round,
 * untimed); an in-process broker is started when its backend is opened and stopped when it is closed.
 *
 * <p>Thread-safety: not thread-safe.
 */
public final class BrokerTarget implements BenchTarget {
    private final TargetSetup setup;
    private final BrokerOptions options;
    /** For {@code raw:<backend>} baselines: the log target's raw rows, on its own pre-zeroed file. */
    private LogTarget raw;

    BrokerTarget(TargetSetup setup, BrokerOptions options) {
        if (setup.threads() != 1) {
            throw new IllegalArgumentException("the broker target measures one producer (--threads 1)");
        }
        this.setup = setup;
        this.options = options;
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public void prepare() throws IOException {
        Files.createDirectories(setup.dir());
    }

    @Override
    public List<Contender> open(String backend) throws Exception {
        if (backend.startsWith(BackendNames.RAW_PREFIX)) {
            if (raw == null) {
                raw = new LogTarget(setup);
            }
            return raw.open(backend);
        }
        BrokerSpec spec = BrokerSpec.parse(backend);
        if (!spec.inProcess()) {
            String note = "external broker " + spec.bootstrap()
                + (spec.topicConfigs().isEmpty() ? "" : ", topic configs " + spec.topicConfigs());
            return List.of(new ProduceContender(spec, spec.bootstrap(), options, setup.bytesPerOp(), null, () -> note));
        }
        InProcessBroker broker = spec.durable() ? InProcessBroker.durable(setup.dir()) : InProcessBroker.inMemory(setup.dir());
        try {
            return List.of(new ProduceContender(spec, broker.bootstrap(), options, setup.bytesPerOp(), broker,
                broker::describe));
        } catch (Exception | Error e) {
            broker.close();
            throw e;
        }
    }

    @Override
    public Optional<Path> fioFile() {
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        // every broker and topic belongs to a contender, closed by the run
        if (raw != null) {
            raw.close();
        }
    }
}
