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

import java.io.IOException;
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
 * The topics and partitions of the broker over a {@link PartitionLogFactory} (the data) and a
 * {@link TopicMetadataStore} (ids, partition counts, config overrides): creates, reopens at startup,
 * looks up and deletes them. Errors are Kafka's typed {@code ApiException}s so the protocol
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
    private final Executor appendVia;
    private final TopicMetadataStore metadata;
    private final ConcurrentHashMap<String, Topic> byName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Uuid, Topic> byId = new ConcurrentHashMap<>();
    /** Logs reopened by {@link #loadExisting}, in topic and partition order, for the background opener. */
    private final List<LazyPartitionLog> reopened = new ArrayList<>();
    private PartitionOpener opener;

    public TopicManager(PartitionLogFactory factory, TopicMetadataStore metadata, TopicConfig.Defaults defaults,
                        int defaultPartitions, Executor pool) {
        this(factory, metadata, defaults, defaultPartitions, pool, pool);
    }

    /** @param appendVia where an append to an idle partition starts (see {@link Partition}) */
    public TopicManager(PartitionLogFactory factory, TopicMetadataStore metadata, TopicConfig.Defaults defaults,
                        int defaultPartitions, Executor pool, Executor appendVia) {
        this.factory = factory;
        this.metadata = metadata;
        this.defaults = defaults;
        this.defaultPartitions = defaultPartitions;
        this.pool = pool;
        this.appendVia = appendVia;
    }

    /**
     * Reopens the topics known to the metadata store or found as partitions in the factory, with
     * their stored id and settings (a topic found only as partitions gets defaults and a new id, which
     * is then stored). Only lists them: the partition logs open later, see {@link #openInBackground}.
     */
    public synchronized void loadExisting() throws PartitionLogException, IOException {
        long started = System.nanoTime();
        Map<String, TopicMetadataStore.TopicRecord> records = metadata.load();
        Map<String, Integer> counts = new TreeMap<>();
        for (TopicPartition tp : factory.existingPartitions()) {
            if (TopicNames.isValid(tp.topic()) && tp.partition() >= 0) {
                counts.merge(tp.topic(), tp.partition() + 1, Math::max);
            } else {
                LOG.warn("ignoring stored partition with an illegal name: {}", tp);
            }
        }
        records.values().forEach(r -> counts.merge(r.name(), r.partitions(), Math::max));
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            TopicMetadataStore.TopicRecord record = records.get(e.getKey());
            Topic topic = reopenLazily(e.getKey(), e.getValue(), storedConfig(record),
                record == null ? Uuid.randomUuid() : record.id());
            if (record == null || record.partitions() != e.getValue()) {
                metadata.save(toRecord(topic));
            }
            publish(topic);
        }
        LOG.info("listed {} topics with {} partitions in {} ms (their logs open later)", counts.size(),
            counts.values().stream().mapToInt(Integer::intValue).sum(), (System.nanoTime() - started) / 1_000_000);
    }

    private TopicConfig storedConfig(TopicMetadataStore.TopicRecord record) {
        if (record == null) {
            return new TopicConfig(Map.of(), defaults);
        }
        try {
            return new TopicConfig(record.configs(), defaults);
        } catch (ConfigException e) {
            LOG.warn("topic {}: stored configs are invalid ({}); using broker defaults", record.name(), e.getMessage());
            return new TopicConfig(Map.of(), defaults);
        }
    }

    private static TopicMetadataStore.TopicRecord toRecord(Topic topic) {
        return new TopicMetadataStore.TopicRecord(topic.name(), topic.id(), topic.partitions().size(),
            topic.config().overrides());
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
        Topic topic;
        try {
            topic = open(name, partitions, config, Uuid.randomUuid());
        } catch (PartitionLogException e) {
            throw new KafkaStorageException("could not create topic " + name + ": " + e.getMessage(), e);
        }
        try {
            metadata.save(toRecord(topic));
        } catch (IOException e) {
            discard(topic);
            throw new KafkaStorageException("could not store the metadata of topic " + name + ": " + e.getMessage(), e);
        }
        publish(topic);
        LOG.info("created topic {} with {} partitions", name, partitions);
        return topic;
    }

    /** Undoes {@link #open} of a topic that was never published. */
    private void discard(Topic topic) {
        closeAll(List.of(topic));
        for (Partition p : topic.partitions()) {
            try {
                factory.delete(p.id());
            } catch (PartitionLogException e) {
                LOG.warn("{}: could not delete after a failed create", p.id(), e);
            }
        }
    }

    private void publish(Topic topic) {
        byId.put(topic.id(), topic);
        byName.put(topic.name(), topic);
    }

    private Topic open(String name, int partitions, TopicConfig config, Uuid id) throws PartitionLogException {
        List<Partition> list = new ArrayList<>(partitions);
        try {
            for (int p = 0; p < partitions; p++) {
                TopicPartition tp = new TopicPartition(name, p);
                PartitionLog log = factory.open(tp, config.logConfig());
                list.add(new Partition(tp, log, config.logConfig().maxBatchBytes(), pool, appendVia));
            }
        } catch (PartitionLogException | RuntimeException e) {
            list.forEach(Partition::close);
            throw e;
        }
        return new Topic(name, id, config, list);
    }

    /**
     * At startup: the topic's partitions with logs opened lazily ({@link LazyPartitionLog}), on first
     * use or by the background {@link PartitionOpener} ({@link #openInBackground}), so the broker can
     * listen at once whatever the number of partitions (500 partitions opened one after the other took
     * 3.5 s).
     */
    private Topic reopenLazily(String name, int partitions, TopicConfig config, Uuid id) {
        List<Partition> list = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition(name, p);
            LazyPartitionLog log = new LazyPartitionLog(tp, () -> factory.open(tp, config.logConfig()));
            reopened.add(log);
            list.add(new Partition(tp, log, config.logConfig().maxBatchBytes(), pool, appendVia));
        }
        return new Topic(name, id, config, list);
    }

    /**
     * Starts opening the partitions reopened by {@link #loadExisting} on {@code threads} background
     * threads (call once the broker listens). Requests reaching a partition first open it themselves.
     */
    public synchronized void openInBackground(int threads) {
        if (opener == null && !reopened.isEmpty()) {
            opener = new PartitionOpener(reopened, threads);
            reopened.clear(); // the opener has its own copy; deleted topics' logs need not stay reachable
        }
    }

    /**
     * Grows a topic to {@code newTotal} partitions (Kafka never shrinks a topic). Lookups see either
     * the old or the new partition list; existing partitions are kept as they are.
     *
     * @throws org.apache.kafka.common.errors.ApiException UnknownTopicOrPartition, InvalidPartitions or KafkaStorage
     */
    public synchronized void addPartitions(String name, int newTotal, boolean validateOnly) {
        Topic old = byName.get(name);
        if (old == null) {
            throw new UnknownTopicOrPartitionException("Topic '" + name + "' does not exist.");
        }
        int current = old.partitions().size();
        if (newTotal <= current || newTotal > MAX_PARTITIONS) {
            throw new InvalidPartitionsException("Topic " + name + " has " + current
                + " partitions; the new count must be in [" + (current + 1) + ", " + MAX_PARTITIONS + "], got " + newTotal);
        }
        if (validateOnly) {
            return;
        }
        List<Partition> all = new ArrayList<>(old.partitions());
        try {
            for (int p = current; p < newTotal; p++) {
                TopicPartition tp = new TopicPartition(name, p);
                all.add(new Partition(tp, factory.open(tp, old.config().logConfig()), old.config().logConfig().maxBatchBytes(), pool, appendVia));
            }
            Topic grown = new Topic(name, old.id(), old.config(), all);
            metadata.save(toRecord(grown));
            publish(grown);
            LOG.info("topic {} grown from {} to {} partitions", name, current, newTotal);
        } catch (PartitionLogException | IOException e) {
            discard(new Topic(name, old.id(), old.config(), all.subList(current, all.size())));
            throw new KafkaStorageException("could not add partitions to " + name + ": " + e.getMessage(), e);
        }
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
        try {
            metadata.delete(name);
        } catch (IOException e) {
            throw new KafkaStorageException("could not delete the metadata of topic " + name + ": " + e.getMessage(), e);
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

    /** Queues a retention pass of every partition on its serial executor; returns at once. */
    public void applyRetention() {
        for (Topic t : byName.values()) {
            for (Partition p : t.partitions()) {
                p.applyRetention();
            }
        }
    }

    /** Closes every partition log (after their queued appends) and the factory. */
    @Override
    public synchronized void close() {
        if (opener != null) {
            opener.stop();
        }
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
