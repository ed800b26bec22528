package io.ringlog.broker.topic;

import io.ringlog.broker.ConfigException;
import io.ringlog.broker.storage.PartitionLog;
import io.ringlog.broker.storage.PartitionLogException;
import io.ringlog.broker.storage.PartitionLogFactory;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The topics and partitions of the broker over a {@link PartitionLogFactory}: creates, reopens at
 * startup, looks up and deletes them. Errors are Kafka's typed {@code ApiException}s so the protocol
 * layer maps them to error codes directly.
 *
 * <p>Thread-safety: thread-safe. Lookups are lock-free; create, delete and close are serialised by
 * the instance lock (they do file I/O, but are rare).
 */
public final class TopicManager implements AutoCloseable {
    /** Upper bound on partitions per topic, so one request cannot exhaust files or memory. */
    public static final int MAX_PARTITIONS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(TopicManager.class);

    private final PartitionLogFactory factory;
    private final TopicConfig.Defaults defaults;
    private final int defaultPartitions;
    private final Executor pool;
    private final ConcurrentHashMap<String, Topic> byName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Uuid, Topic> byId = new ConcurrentHashMap<>();

    public TopicManager(PartitionLogFactory factory, TopicConfig.Defaults defaults, int defaultPartitions, Executor pool) {
        this.factory = factory;
        this.defaults = defaults;
        this.defaultPartitions = defaultPartitions;
        this.pool = pool;
    }

    /** Reopens the partitions the factory already has (topics with their broker-default settings). */
    public synchronized void loadExisting() throws PartitionLogException {
        Map<String, Integer> counts = new TreeMap<>();
        for (TopicPartition tp : factory.existingPartitions()) {
            if (TopicNames.isValid(tp.topic()) && tp.partition() >= 0) {
                counts.merge(tp.topic(), tp.partition() + 1, Math::max);
            } else {
                LOG.warn("ignoring stored partition with an illegal name: {}", tp);
            }
        }
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            register(e.getKey(), e.getValue(), new TopicConfig(Map.of(), defaults));
        }
        LOG.info("loaded {} topics", counts.size());
    }

    public Optional<Topic> topic(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    public Optional<Topic> topic(Uuid id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Topic> topics() {
        return List.copyOf(byName.values());
    }

    /** The partition, or null if the topic or partition does not exist. */
    public Partition partition(TopicPartition tp) {
        Topic t = byName.get(tp.topic());
        if (t == null || tp.partition() < 0 || tp.partition() >= t.partitions().size()) {
            return null;
        }
        return t.partitions().get(tp.partition());
    }

    /**
     * Creates a topic.
     *
     * @param numPartitions -1 for num.partitions
     * @throws org.apache.kafka.common.errors.ApiException InvalidTopic, TopicExists, InvalidPartitions,
     *                                                     InvalidConfiguration or KafkaStorage
     */
    public synchronized Topic create(String name, int numPartitions, Map<String, String> configs, boolean validateOnly) {
        TopicNames.validate(name);
        if (byName.containsKey(name)) {
            throw new TopicExistsException("Topic '" + name + "' already exists.");
        }
        int partitions = numPartitions == -1 ? defaultPartitions : numPartitions;
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new InvalidPartitionsException("Number of partitions must be in [1, " + MAX_PARTITIONS + "], got " + partitions);
        }
        TopicConfig config;
        try {
            config = new TopicConfig(configs, defaults);
        } catch (ConfigException e) {
            throw new InvalidConfigurationException(e.getMessage());
        }
        if (validateOnly) {
            return new Topic(name, Uuid.ZERO_UUID, config, List.of());
        }
        try {
            Topic topic = register(name, partitions, config);
            LOG.info("created topic {} with {} partitions", name, partitions);
            return topic;
        } catch (PartitionLogException e) {
            throw new KafkaStorageException("could not create topic " + name + ": " + e.getMessage(), e);
        }
    }

    private Topic register(String name, int partitions, TopicConfig config) throws PartitionLogException {
        List<Partition> list = new ArrayList<>(partitions);
        try {
            for (int p = 0; p < partitions; p++) {
                TopicPartition tp = new TopicPartition(name, p);
                PartitionLog log = factory.open(tp, config.logConfig());
                list.add(new Partition(tp, log, config.logConfig().maxBatchBytes(), pool));
            }
        } catch (PartitionLogException | RuntimeException e) {
            list.forEach(Partition::close);
            throw e;
        }
        Topic topic = new Topic(name, Uuid.randomUuid(), config, list);
        byId.put(topic.id(), topic);
        byName.put(name, topic);
        return topic;
    }

    /** Deletes a topic and its data. */
    public synchronized void delete(String name) {
        Topic topic = byName.remove(name);
        if (topic == null) {
            throw new UnknownTopicOrPartitionException("Topic '" + name + "' does not exist.");
        }
        byId.remove(topic.id());
        closeAll(List.of(topic));
        for (Partition p : topic.partitions()) {
            try {
                factory.delete(p.id());
            } catch (PartitionLogException e) {
                throw new KafkaStorageException("could not delete " + p.id() + ": " + e.getMessage(), e);
            }
        }
        LOG.info("deleted topic {}", name);
    }

    private static void closeAll(Collection<Topic> topics) {
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (Topic t : topics) {
            t.partitions().forEach(p -> closes.add(p.close()));
        }
        CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)).join();
    }

    /** Closes every partition log (after their queued appends) and the factory. */
    @Override
    public synchronized void close() {
        closeAll(byName.values());
        byName.clear();
        byId.clear();
        try {
            factory.close();
        } catch (PartitionLogException e) {
            LOG.warn("closing the log factory failed", e);
        }
    }
}
