package io.ringlog.broker;

import io.ringlog.broker.group.GroupSettings;
import io.ringlog.broker.storage.StoreSettings;
import io.ringlog.broker.topic.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The broker settings, read from a Kafka-style properties file (see the table in docs/broker.md).
 * Keys that do not apply to ringlog are reported by {@link #unknownKeys()} and logged as warnings.
 *
 * <p>Thread-safety: immutable.
 */
public final class BrokerConfig {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerConfig.class);

    public static final String LISTENERS = "listeners";
    public static final String ADVERTISED_LISTENERS = "advertised.listeners";
    public static final String LOG_DIRS = "log.dirs";
    public static final String LOG_DIR = "log.dir";
    public static final String NODE_ID = "node.id";
    public static final String NUM_PARTITIONS = "num.partitions";
    public static final String AUTO_CREATE_TOPICS = "auto.create.topics.enable";
    public static final String SEGMENT_BYTES = "log.segment.bytes";
    public static final String RETENTION_MS = "log.retention.ms";
    public static final String RETENTION_HOURS = "log.retention.hours";
    public static final String RETENTION_BYTES = "log.retention.bytes";
    public static final String RETENTION_CHECK_INTERVAL_MS = "log.retention.check.interval.ms";
    public static final String MESSAGE_MAX_BYTES = "message.max.bytes";
    public static final String SOCKET_REQUEST_MAX_BYTES = "socket.request.max.bytes";
    public static final String NUM_NETWORK_THREADS = "num.network.threads";
    public static final String NUM_IO_THREADS = "num.io.threads";
    public static final String CONNECTIONS_MAX_IDLE_MS = "connections.max.idle.ms";
    public static final String QUEUED_MAX_REQUEST_BYTES = "queued.max.request.bytes";
    public static final String MAX_INFLIGHT_REQUESTS = "ringlog.connection.max.inflight.requests";
    public static final String MAX_INFLIGHT_BYTES = "ringlog.connection.max.inflight.bytes";
    public static final String INLINE_APPENDS = "ringlog.network.inline.appends";
    public static final String GROUP_INITIAL_REBALANCE_DELAY_MS = "group.initial.rebalance.delay.ms";
    public static final String GROUP_MIN_SESSION_TIMEOUT_MS = "group.min.session.timeout.ms";
    public static final String GROUP_MAX_SESSION_TIMEOUT_MS = "group.max.session.timeout.ms";
    public static final String GROUP_MAX_SIZE = "group.max.size";
    public static final String OFFSET_METADATA_MAX_BYTES = "offset.metadata.max.bytes";
    // Durable store (StoreSettings) and partition opening at start.
    public static final String WRITE_PATH = "ringlog.write.path";
    public static final String MAX_PENDING_BYTES = "ringlog.max.pending.bytes";
    public static final String PREPARER_THREADS = "ringlog.preparer.threads";
    public static final String SEGMENT_DELETE_DELAY_MS = "log.segment.delete.delay.ms";
    public static final String REGISTERED_BYTES = "ringlog.io_uring.registered.bytes";
    public static final String RECOVERY_THREADS = "num.recovery.threads.per.data.dir";

    /** Default values, as strings in the file's syntax. */
    public static final Map<String, String> DEFAULTS = Map.ofEntries(
        Map.entry(LISTENERS, "PLAINTEXT://127.0.0.1:9092"),
        Map.entry(LOG_DIRS, "./data"),
        Map.entry(NODE_ID, "0"),
        Map.entry(NUM_PARTITIONS, "1"),
        Map.entry(AUTO_CREATE_TOPICS, "true"),
        // 16 MiB, not Kafka's 1 GiB: a durable segment is pre-zeroed real space from its first byte
        // (docs/broker.md, "Durable store"), so each partition holds at least one whole segment.
        Map.entry(SEGMENT_BYTES, Long.toString(16L << 20)),
        Map.entry(RETENTION_MS, Long.toString(7L * 24 * 3600 * 1000)),
        Map.entry(RETENTION_BYTES, "-1"),
        Map.entry(RETENTION_CHECK_INTERVAL_MS, "300000"),
        Map.entry(MESSAGE_MAX_BYTES, "1048588"),
        Map.entry(SOCKET_REQUEST_MAX_BYTES, Integer.toString(100 * 1024 * 1024)),
        Map.entry(NUM_NETWORK_THREADS, "2"),
        Map.entry(NUM_IO_THREADS, "8"),
        Map.entry(CONNECTIONS_MAX_IDLE_MS, "600000"),
        Map.entry(QUEUED_MAX_REQUEST_BYTES, Integer.toString(256 * 1024 * 1024)),
        Map.entry(MAX_INFLIGHT_REQUESTS, "16"),
        Map.entry(MAX_INFLIGHT_BYTES, Integer.toString(64 * 1024 * 1024)),
        Map.entry(INLINE_APPENDS, "false"),
        Map.entry(GROUP_INITIAL_REBALANCE_DELAY_MS, Integer.toString(GroupSettings.DEFAULTS.initialRebalanceDelayMs())),
        Map.entry(GROUP_MIN_SESSION_TIMEOUT_MS, Integer.toString(GroupSettings.DEFAULTS.minSessionTimeoutMs())),
        Map.entry(GROUP_MAX_SESSION_TIMEOUT_MS, Integer.toString(GroupSettings.DEFAULTS.maxSessionTimeoutMs())),
        Map.entry(GROUP_MAX_SIZE, Integer.toString(GroupSettings.DEFAULTS.maxSize())),
        Map.entry(OFFSET_METADATA_MAX_BYTES, Integer.toString(GroupSettings.DEFAULTS.offsetMetadataMaxBytes())),
        Map.entry(WRITE_PATH, StoreSettings.DEFAULTS.writePath()),
        Map.entry(MAX_PENDING_BYTES, Integer.toString(StoreSettings.DEFAULTS.maxPendingBytes())),
        Map.entry(PREPARER_THREADS, Integer.toString(StoreSettings.DEFAULTS.preparerThreads())),
        Map.entry(SEGMENT_DELETE_DELAY_MS, Long.toString(StoreSettings.DEFAULTS.retiredSegmentDelay().toMillis())),
        Map.entry(REGISTERED_BYTES, Long.toString(StoreSettings.DEFAULTS.registeredBytesBudget())),
        Map.entry(RECOVERY_THREADS, "4"));
    private static final Set<String> ALSO_KNOWN = Set.of(ADVERTISED_LISTENERS, LOG_DIR, RETENTION_HOURS);

    private final Map<String, String> given;
    private final Map<String, String> values;
    private final Set<String> unknownKeys;

    private BrokerConfig(Map<String, String> given) {
        this.given = Map.copyOf(given);
        Map<String, String> merged = new HashMap<>(DEFAULTS);
        merged.putAll(given);
        this.values = Map.copyOf(merged);
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(DEFAULTS.keySet());
        unknown.removeAll(ALSO_KNOWN);
        this.unknownKeys = Set.copyOf(unknown);
        validate();
    }

    /** The defaults with {@code overrides} applied (keys as in the file). */
    public static BrokerConfig of(Map<String, String> overrides) {
        BrokerConfig config = new BrokerConfig(overrides);
        config.warnUnknown();
        return config;
    }

    /** Reads a properties file; unknown keys are warned about. */
    public static BrokerConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        Map<String, String> map = new HashMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k).trim()));
        return of(map);
    }

    /** A copy with more overrides (e.g. command-line options that win over the file). */
    public BrokerConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(given);
        merged.putAll(overrides);
        return new BrokerConfig(merged);
    }

    private void warnUnknown() {
        for (String key : unknownKeys) {
            LOG.warn("ignoring unknown or unsupported broker setting '{}'", key);
        }
    }

    private void validate() {
        listener();
        advertisedListener();
        if (nodeId() != 0) {
            throw new ConfigException(NODE_ID + " must be 0 (ringlog is a single-node broker), got " + nodeId());
        }
        positive(NUM_PARTITIONS, numPartitions());
        positive(MESSAGE_MAX_BYTES, messageMaxBytes());
        positive(SOCKET_REQUEST_MAX_BYTES, socketRequestMaxBytes());
        positive(NUM_NETWORK_THREADS, networkThreads());
        positive(NUM_IO_THREADS, ioThreads());
        positive(MAX_INFLIGHT_REQUESTS, maxInFlightRequests());
        positive(MAX_INFLIGHT_BYTES, maxInFlightBytes());
        positive(QUEUED_MAX_REQUEST_BYTES, queuedMaxRequestBytes());
        positive(CONNECTIONS_MAX_IDLE_MS, connectionsMaxIdleMs());
        positive(RETENTION_CHECK_INTERVAL_MS, retentionCheckIntervalMs());
        autoCreateTopics();
        inlineAppends();
        topicDefaults();
        groupSettings();
        storeSettings();
        positive(RECOVERY_THREADS, recoveryThreads());
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new ConfigException(key + " must be positive, got " + value);
        }
    }

    private static void nonNegative(String key, long value) {
        if (value < 0) {
            throw new ConfigException(key + " must be >= 0, got " + value);
        }
    }

    private String raw(String key) {
        return values.get(key);
    }

    private long longValue(String key) {
        try {
            return Long.parseLong(raw(key).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid number '" + raw(key) + "' for " + key, e);
        }
    }

    private int intValue(String key) {
        long v = longValue(key);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new ConfigException(key + " out of int range: " + v);
        }
        return (int) v;
    }

    /** The socket to bind, from the first entry of {@code listeners}. */
    public InetSocketAddress listener() {
        return ListenerSpec.parse(LISTENERS, raw(LISTENERS));
    }

    /** The host:port clients are told to connect to; defaults to the bound listener. */
    public InetSocketAddress advertisedListener() {
        String adv = raw(ADVERTISED_LISTENERS);
        return adv == null || adv.isBlank() ? listener() : ListenerSpec.parse(ADVERTISED_LISTENERS, adv);
    }

    public boolean hasAdvertisedListener() {
        String adv = raw(ADVERTISED_LISTENERS);
        return adv != null && !adv.isBlank();
    }

    /** The data directory (the first of {@code log.dirs}, else {@code log.dir}). */
    public Path dataDir() {
        String dirs = given.containsKey(LOG_DIR) && !given.containsKey(LOG_DIRS) ? raw(LOG_DIR) : raw(LOG_DIRS);
        List<String> parts = List.of(dirs.split(","));
        if (parts.size() > 1) {
            LOG.warn("{} lists {} directories; ringlog uses only the first", LOG_DIRS, parts.size());
        }
        return Path.of(parts.getFirst().trim());
    }

    public int nodeId() {
        return intValue(NODE_ID);
    }

    public int numPartitions() {
        return intValue(NUM_PARTITIONS);
    }

    public boolean autoCreateTopics() {
        return booleanValue(AUTO_CREATE_TOPICS);
    }

    /** Whether a network thread runs a lone append itself ({@code InlineDispatch}). */
    public boolean inlineAppends() {
        return booleanValue(INLINE_APPENDS);
    }

    private boolean booleanValue(String key) {
        String v = raw(key).trim();
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new ConfigException("invalid boolean '" + v + "' for " + key);
        }
        return Boolean.parseBoolean(v);
    }

    public int messageMaxBytes() {
        return intValue(MESSAGE_MAX_BYTES);
    }

    public int socketRequestMaxBytes() {
        return intValue(SOCKET_REQUEST_MAX_BYTES);
    }

    public int networkThreads() {
        return intValue(NUM_NETWORK_THREADS);
    }

    public int ioThreads() {
        return intValue(NUM_IO_THREADS);
    }

    public int maxInFlightRequests() {
        return intValue(MAX_INFLIGHT_REQUESTS);
    }

    public long maxInFlightBytes() {
        return longValue(MAX_INFLIGHT_BYTES);
    }

    /** Idle connections (nothing in flight, no traffic) are closed after this long. */
    public long connectionsMaxIdleMs() {
        return longValue(CONNECTIONS_MAX_IDLE_MS);
    }

    /** How often every partition's retention is applied (Kafka's log.retention.check.interval.ms). */
    public long retentionCheckIntervalMs() {
        return longValue(RETENTION_CHECK_INTERVAL_MS);
    }

    /** Request bytes all connections together may hold before reading pauses. */
    public long queuedMaxRequestBytes() {
        return longValue(QUEUED_MAX_REQUEST_BYTES);
    }

    /** Defaults for topic-level settings (log.segment.bytes, log.retention.*, message.max.bytes). */
    public TopicConfig.Defaults topicDefaults() {
        long retentionMs = given.containsKey(RETENTION_HOURS) && !given.containsKey(RETENTION_MS)
            ? longValue(RETENTION_HOURS) * 3_600_000L : longValue(RETENTION_MS);
        long segment = longValue(SEGMENT_BYTES);
        if (segment < 14) {
            throw new ConfigException(SEGMENT_BYTES + " must be >= 14, got " + segment);
        }
        return new TopicConfig.Defaults(segment, retentionMs, longValue(RETENTION_BYTES), messageMaxBytes());
    }

    /** The consumer-group coordinator's settings (group.*, offset.metadata.max.bytes). */
    public GroupSettings groupSettings() {
        try {
            return new GroupSettings(intValue(GROUP_INITIAL_REBALANCE_DELAY_MS), intValue(GROUP_MIN_SESSION_TIMEOUT_MS),
                intValue(GROUP_MAX_SESSION_TIMEOUT_MS), intValue(GROUP_MAX_SIZE), intValue(OFFSET_METADATA_MAX_BYTES));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + " (" + GROUP_INITIAL_REBALANCE_DELAY_MS + ", "
                + GROUP_MIN_SESSION_TIMEOUT_MS + ", " + GROUP_MAX_SESSION_TIMEOUT_MS + ", " + GROUP_MAX_SIZE + ", "
                + OFFSET_METADATA_MAX_BYTES + ")", e);
        }
    }

    /**
     * The durable store's settings ({@value #WRITE_PATH}, {@value #MAX_PENDING_BYTES}, {@value #PREPARER_THREADS},
     * {@value #SEGMENT_DELETE_DELAY_MS}, {@value #REGISTERED_BYTES}).
     *
     * @throws ConfigException naming the key of a bad value
     */
    public StoreSettings storeSettings() {
        String writePath = raw(WRITE_PATH).trim();
        try {
            StoreSettings.checkWritePath(writePath);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid " + WRITE_PATH + ": " + e.getMessage(), e);
        }
        int pending = intValue(MAX_PENDING_BYTES);
        if (pending < StoreSettings.MIN_PENDING_BYTES) {
            throw new ConfigException(MAX_PENDING_BYTES + " must be >= " + StoreSettings.MIN_PENDING_BYTES + ", got " + pending);
        }
        positive(PREPARER_THREADS, intValue(PREPARER_THREADS));
        nonNegative(SEGMENT_DELETE_DELAY_MS, longValue(SEGMENT_DELETE_DELAY_MS));
        nonNegative(REGISTERED_BYTES, longValue(REGISTERED_BYTES));
        return new StoreSettings(writePath, pending, intValue(PREPARER_THREADS),
            Duration.ofMillis(longValue(SEGMENT_DELETE_DELAY_MS)), longValue(REGISTERED_BYTES));
    }

    /** Threads that open the partition logs in the background after the broker starts listening. */
    public int recoveryThreads() {
        return intValue(RECOVERY_THREADS);
    }

    /** Keys present in the file that ringlog does not use. */
    public Set<String> unknownKeys() {
        return unknownKeys;
    }

    /** Every effective value by key (for DescribeConfigs on the broker resource and the startup log). */
    public Map<String, String> values() {
        return values;
    }
}
