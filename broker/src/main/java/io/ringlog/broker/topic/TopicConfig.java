package io.ringlog.broker.topic;

import io.ringlog.broker.ConfigException;
import io.ringlog.broker.storage.PartitionLogConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A topic's effective settings: broker defaults overridden by the topic configs given at creation.
 * Only keys that mean something here are accepted; CreateTopics with any other key fails with
 * INVALID_CONFIG, as Kafka does for unknown names.
 *
 * <p>Thread-safety: immutable.
 *
 * @param overrides the topic-level values given at creation (validated)
 * @param defaults  the broker-level defaults for the same keys
 */
public record TopicConfig(Map<String, String> overrides, Defaults defaults) {
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String RETENTION_MS = "retention.ms";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String TIMESTAMP_TYPE = "message.timestamp.type";
    /** Every topic-level key, in the order DescribeConfigs lists them. */
    public static final Set<String> KEYS = Set.of(CLEANUP_POLICY, RETENTION_MS, RETENTION_BYTES, SEGMENT_BYTES,
        MAX_MESSAGE_BYTES, TIMESTAMP_TYPE);

    /** The broker settings topic configs default to. */
    public record Defaults(long segmentBytes, long retentionMs, long retentionBytes, int maxMessageBytes) {
    }

    public TopicConfig {
        overrides = Map.copyOf(overrides);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            validate(e.getKey(), e.getValue());
        }
    }

    private static void validate(String key, String value) {
        switch (key) {
            case CLEANUP_POLICY -> require(key, value, "delete".equals(value), "only 'delete' is supported");
            case TIMESTAMP_TYPE -> require(key, value, "CreateTime".equals(value), "only 'CreateTime' is supported");
            case RETENTION_MS, RETENTION_BYTES -> require(key, value, parseLong(key, value) >= -1, "must be >= -1");
            case SEGMENT_BYTES -> require(key, value, parseLong(key, value) >= 14, "must be >= 14");
            case MAX_MESSAGE_BYTES -> require(key, value, parseLong(key, value) >= 0
                && parseLong(key, value) <= Integer.MAX_VALUE, "must be in [0, 2^31-1]");
            default -> throw new ConfigException("unknown topic config '" + key + "'; supported: " + KEYS);
        }
    }

    private static void require(String key, String value, boolean ok, String rule) {
        if (!ok) {
            throw new ConfigException("invalid value '" + value + "' for " + key + ": " + rule);
        }
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid number '" + value + "' for " + key, e);
        }
    }

    private long longValue(String key, long fallback) {
        String v = overrides.get(key);
        return v == null ? fallback : Long.parseLong(v.trim());
    }

    /** The storage settings of the topic's partitions. */
    public PartitionLogConfig logConfig() {
        return new PartitionLogConfig(longValue(SEGMENT_BYTES, defaults.segmentBytes()),
            longValue(RETENTION_MS, defaults.retentionMs()), longValue(RETENTION_BYTES, defaults.retentionBytes()),
            (int) longValue(MAX_MESSAGE_BYTES, defaults.maxMessageBytes()));
    }

    /** Every key with its effective value, in a stable order. */
    public Map<String, String> effectiveValues() {
        PartitionLogConfig c = logConfig();
        Map<String, String> out = new LinkedHashMap<>();
        out.put(CLEANUP_POLICY, "delete");
        out.put(MAX_MESSAGE_BYTES, Integer.toString(c.maxBatchBytes()));
        out.put(TIMESTAMP_TYPE, "CreateTime");
        out.put(RETENTION_BYTES, Long.toString(c.retentionBytes()));
        out.put(RETENTION_MS, Long.toString(c.retentionMs()));
        out.put(SEGMENT_BYTES, Long.toString(c.segmentBytes()));
        return out;
    }

    /** True when the key was set on the topic rather than inherited from the broker. */
    public boolean isOverridden(String key) {
        return overrides.containsKey(key);
    }
}
