package io.ringlog.broker.it;

import io.ringlog.broker.Broker;
import io.ringlog.broker.BrokerConfig;
import io.ringlog.broker.group.GroupStore;
import io.ringlog.broker.storage.InMemoryPartitionLogFactory;
import io.ringlog.broker.storage.PartitionLogFactory;
import io.ringlog.broker.storage.logcore.LogCorePartitionLogFactory;
import io.ringlog.broker.topic.FileTopicMetadataStore;
import io.ringlog.broker.topic.TopicMetadataStore;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A broker on an ephemeral loopback port over the in-memory store (or the durable one: {@link #durable}), plus kafka-clients factories with
 * short timeouts (the client defaults wait up to a minute on a metadata miss).
 *
 * <p>Thread-safety: not thread-safe; one per test class.
 */
final class RunningBroker implements AutoCloseable {
    final Broker broker;
    final InetSocketAddress address;
    /** Durable brokers only. */
    Path dataDir;
    /**
     * The group store this broker was given, or null for the factory's own (durable brokers: the group
     * log in the data directory, reopened by {@link #restart}); a given instance is handed to the next broker.
     */
    final GroupStore groupStore;
    private Map<String, String> settings;
    private boolean deleteOnClose;

    RunningBroker(Map<String, String> overrides) throws Exception {
        this(overrides, new InMemoryPartitionLogFactory());
    }

    RunningBroker(Map<String, String> overrides, PartitionLogFactory store) throws Exception {
        this(overrides, store, TopicMetadataStore.inMemory());
    }

    RunningBroker(Map<String, String> overrides, PartitionLogFactory store, TopicMetadataStore metadata) throws Exception {
        this(overrides, store, metadata, GroupStore.inMemory());
    }

    RunningBroker(Map<String, String> overrides, PartitionLogFactory store, TopicMetadataStore metadata,
                  GroupStore groups) throws Exception {
        this.groupStore = groups;
        Map<String, String> settings = new HashMap<>(Map.of(BrokerConfig.LISTENERS, "PLAINTEXT://127.0.0.1:0",
            BrokerConfig.LOG_DIRS, "target/unused-in-memory"));
        settings.putAll(overrides);
        broker = new Broker(BrokerConfig.of(settings), store, metadata, groups);
        address = broker.start();
    }

    /**
     * A broker over the durable log-core store in a fresh directory under {@code target/}, with its
     * topic metadata on disk too, so {@link #restart} brings back everything.
     */
    static RunningBroker durable(Map<String, String> overrides) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "durable-it")), "broker-");
        RunningBroker b = durable(overrides, dir);
        b.deleteOnClose = true;
        return b;
    }

    /** A durable broker on {@code dir} (reopening what is there). */
    static RunningBroker durable(Map<String, String> overrides, Path dir) throws Exception {
        return durable(overrides, dir, null);
    }

    /** A durable broker on {@code dir} with its group state in {@code groups} (null: the durable group log in {@code dir}). */
    static RunningBroker durable(Map<String, String> overrides, Path dir, GroupStore groups) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(BrokerConfig.SEGMENT_BYTES, Integer.toString(1 << 20)));
        settings.putAll(overrides);
        settings.put(BrokerConfig.LOG_DIRS, dir.toString());
        // -Dringlog.store.writePath (probes) forces a write path, as ringlog.write.path would in a config file.
        String forced = System.getProperty("ringlog.store.writePath");
        if (forced != null && !settings.containsKey(BrokerConfig.WRITE_PATH)) {
            settings.put(BrokerConfig.WRITE_PATH, forced);
        }
        BrokerConfig config = BrokerConfig.of(settings);
        RunningBroker b = new RunningBroker(settings, new LogCorePartitionLogFactory(dir, config.storeSettings()),
            new FileTopicMetadataStore(dir), groups);
        b.dataDir = dir;
        b.settings = Map.copyOf(overrides);
        return b;
    }

    /**
     * Closes this durable broker and starts a new one on the same data directory and settings: the durable
     * group log is reopened from disk, a group store instance given to {@link #durable(Map, Path, GroupStore)}
     * is handed over as it is.
     */
    RunningBroker restart() throws Exception {
        return restart(settings);
    }

    /** {@link #restart()} with other settings (e.g. the same port). */
    RunningBroker restart(Map<String, String> newSettings) throws Exception {
        boolean delete = deleteOnClose;
        deleteOnClose = false;
        close();
        RunningBroker next = durable(newSettings, dataDir, groupStore);
        next.deleteOnClose = delete;
        return next;
    }

    RunningBroker() throws Exception {
        this(Map.of());
    }

    String bootstrap() {
        return address.getHostString() + ":" + address.getPort();
    }

    private Properties common() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        p.put(CommonClientConfigs.METADATA_MAX_AGE_CONFIG, "5000");
        p.put(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, "50");
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, "50");
        return p;
    }

    KafkaProducer<byte[], byte[]> producer(Map<String, Object> extra) {
        Properties p = common();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.putAll(extra);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> extra) {
        Properties p = common();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "200");
        p.putAll(extra);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    Admin admin() {
        return admin(Map.of());
    }

    Admin admin(Map<String, Object> extra) {
        Properties p = common();
        p.put(AdminClientConfig.RETRIES_CONFIG, "3");
        // Creating hundreds of durable partitions can take longer than the 30 s default on a loaded
        // 2-core machine; a retry after a timeout would then fail with TopicExistsException.
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "240000");
        p.putAll(extra);
        return Admin.create(p);
    }

    @Override
    public void close() {
        broker.close();
        if (deleteOnClose) {
            deleteOnClose = false;
            try (java.util.stream.Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException e) {
                // best effort: target/ is cleaned by the build anyway
            }
        }
    }
}
