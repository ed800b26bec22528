package io.ringlog.bench.target;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One backend of the {@code broker} target, parsed from its {@code --backend} name:
 * <ul>
 *   <li>{@code ringlog}: a ringlog broker started in this process on the durable log-core store in
 *       {@code --dir} (write path {@code auto}, or {@code -Dringlog.store.writePath=...});</li>
 *   <li>{@code ringlog_memory}: the same on the in-memory store (the broker's own overhead; never
 *       durable, for breakdowns only);</li>
 *   <li>{@code NAME=HOST:PORT[?key=value&key=value]}: an external broker (Apache Kafka, or a ringlog
 *       broker in another process), reported as NAME; the keys are topic configs for the bench's topic,
 *       e.g. {@code kafka_fsync=127.0.0.1:9192?flush.messages=1} for Kafka with an fsync per message.</li>
 * </ul>
 *
 * @param name         the name reported in results
 * @param bootstrap    {@code HOST:PORT} of an external broker, or null for an in-process one
 * @param durable      in-process only: the log-core store (true) or the in-memory store
 * @param topicConfigs configs the bench topic is created with (external brokers only)
 *
 * <p>Thread-safety: immutable.
 */
public record BrokerSpec(String name, String bootstrap, boolean durable, Map<String, String> topicConfigs) {
    /** In-process broker on the durable store. */
    public static final String RINGLOG = "ringlog";
    /** In-process broker on the in-memory store. */
    public static final String RINGLOG_MEMORY = "ringlog_memory";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern HOST_PORT = Pattern.compile("[^:/?=]+:[0-9]{1,5}");

    public BrokerSpec {
        topicConfigs = Map.copyOf(topicConfigs);
    }

    /** True for a broker this process starts. */
    public boolean inProcess() {
        return bootstrap == null;
    }

    /** Parses {@code spec}; throws {@link IllegalArgumentException} saying what is accepted. */
    public static BrokerSpec parse(String spec) {
        if (spec.equals(RINGLOG)) {
            return new BrokerSpec(RINGLOG, null, true, Map.of());
        }
        if (spec.equals(RINGLOG_MEMORY)) {
            return new BrokerSpec(RINGLOG_MEMORY, null, false, Map.of());
        }
        int eq = spec.indexOf('=');
        if (eq < 1) {
            throw invalid(spec);
        }
        String name = spec.substring(0, eq);
        String rest = spec.substring(eq + 1);
        int q = rest.indexOf('?');
        String bootstrap = q < 0 ? rest : rest.substring(0, q);
        if (!NAME.matcher(name).matches() || !HOST_PORT.matcher(bootstrap).matches()) {
            throw invalid(spec);
        }
        Map<String, String> configs = new LinkedHashMap<>();
        if (q >= 0) {
            for (String kv : rest.substring(q + 1).split("&")) {
                int e = kv.indexOf('=');
                if (e < 1) {
                    throw new IllegalArgumentException("'" + spec + "': topic configs after ? are key=value pairs joined by &");
                }
                configs.put(kv.substring(0, e), kv.substring(e + 1));
            }
        }
        return new BrokerSpec(name, bootstrap, false, configs);
    }

    /** Validates {@code spec} (or a {@code raw:} baseline of the broker target), returning it. */
    public static String check(String spec) {
        if (spec.startsWith(BackendNames.RAW_PREFIX)) {
            return BackendNames.check(spec);
        }
        parse(spec);
        return spec;
    }

    private static IllegalArgumentException invalid(String spec) {
        return new IllegalArgumentException("unknown broker backend '" + spec + "'; expected " + RINGLOG + ", "
            + RINGLOG_MEMORY + " or NAME=HOST:PORT[?topic.config=value&...]");
    }
}
