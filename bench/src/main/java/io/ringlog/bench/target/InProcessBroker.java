package io.ringlog.bench.target;

import io.ringlog.broker.Broker;
import io.ringlog.broker.BrokerConfig;
import io.ringlog.broker.storage.InMemoryPartitionLogFactory;
import io.ringlog.broker.storage.logcore.LogCorePartitionLogFactory;
import io.ringlog.broker.topic.FileTopicMetadataStore;
import io.ringlog.broker.topic.TopicMetadataStore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A ringlog broker started in the bench's process on a loopback ephemeral port: on the durable
 * log-core store in its own fresh directory under {@code --dir} (default settings, 16 MiB segments,
 * write path from {@code -Dringlog.store.writePath}, {@code auto} by default), or on the in-memory
 * store. Client and broker then share one JVM (and its GC), unlike an external broker.
 *
 * <p>Thread-safety: not thread-safe; the bench thread starts and closes it.
 */
final class InProcessBroker implements AutoCloseable {
    /** log-io's per-directory cache of the {@code auto} choice (log-io {@code ChoiceCache}). */
    private static final String CHOICE_FILE = ".ringlog-io-choice";
    /** Forces the durable store's write path ({@code ringlog.write.path}); {@code auto} when unset. */
    static final String WRITE_PATH_PROPERTY = "ringlog.store.writePath";

    private final Broker broker;
    private final Path dataDir;
    private final InetSocketAddress address;
    private final long startMillis;
    private final boolean durable;

    private InProcessBroker(Broker broker, Path dataDir, boolean durable, long startNanos) throws Exception {
        this.broker = broker;
        this.durable = durable;
        this.dataDir = dataDir;
        try {
            this.address = broker.start();
        } catch (Exception | Error e) {
            broker.close();
            deleteTree(dataDir);
            throw e;
        }
        this.startMillis = (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Starts a broker on the durable store in a new directory under {@code parent}. */
    static InProcessBroker durable(Path parent) throws Exception {
        long t0 = System.nanoTime();
        Path dir = Files.createTempDirectory(Files.createDirectories(parent), "ringlog-broker-");
        Map<String, String> settings = new HashMap<>(Map.of(BrokerConfig.LISTENERS, "PLAINTEXT://127.0.0.1:0",
            BrokerConfig.LOG_DIRS, dir.toString()));
        String forced = System.getProperty(WRITE_PATH_PROPERTY);
        if (forced != null) {
            settings.put(BrokerConfig.WRITE_PATH, forced); // as ringlog.write.path in a broker config file
        }
        BrokerConfig config = BrokerConfig.of(settings);
        return new InProcessBroker(new Broker(config, new LogCorePartitionLogFactory(dir, config.storeSettings()),
            new FileTopicMetadataStore(dir)), dir, true, t0);
    }

    /** Starts a broker on the in-memory store. */
    static InProcessBroker inMemory(Path parent) throws Exception {
        long t0 = System.nanoTime();
        Path dir = Files.createTempDirectory(Files.createDirectories(parent), "ringlog-broker-memory-");
        BrokerConfig config = BrokerConfig.of(Map.of(BrokerConfig.LISTENERS, "PLAINTEXT://127.0.0.1:0",
            BrokerConfig.LOG_DIRS, dir.toString()));
        return new InProcessBroker(new Broker(config, new InMemoryPartitionLogFactory(), TopicMetadataStore.inMemory()),
            dir, false, t0);
    }

    String bootstrap() {
        return address.getHostString() + ":" + address.getPort();
    }

    /** What was set up: store, the write path the durable store chose, start time. */
    String describe() {
        String store = durable ? "durable store, " + writePath() : "in-memory store (not durable)";
        return "in-process ringlog broker, " + store + ", started in " + startMillis + " ms";
    }

    private String writePath() {
        Path choice = dataDir.resolve(CHOICE_FILE);
        if (Files.isRegularFile(choice)) {
            try {
                return Files.readAllLines(choice, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("chosen="))
                    .findFirst().map(l -> "auto chose " + l.substring("chosen=".length())).orElse("auto (choice unknown)");
            } catch (IOException e) {
                return "write path unknown (" + e.getMessage() + ")";
            }
        }
        return "write path " + System.getProperty(WRITE_PATH_PROPERTY, "auto");
    }

    @Override
    public void close() throws IOException {
        broker.close();
        deleteTree(dataDir);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
