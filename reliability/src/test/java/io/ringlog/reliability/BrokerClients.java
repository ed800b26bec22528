package io.ringlog.reliability;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Map;
import java.util.Properties;

/**
 * kafka-clients factories for the broker suites, with timeouts short enough for a broker that gets
 * killed (the client defaults wait up to a minute on a metadata miss) but generous for a loaded
 * 2-core machine.
 *
 * <p>Thread-safety: stateless, safe from any thread (the clients it makes are kafka-clients' own:
 * producers and admins are thread-safe, consumers are not).
 */
final class BrokerClients {
    private BrokerClients() {
    }

    private static Properties common(String bootstrap) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        p.put(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, "50");
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, "50");
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        return p;
    }

    /**
     * A producer with {@code acks=all} and the given extra settings (e.g. idempotence, retries,
     * max.in.flight.requests.per.connection, linger.ms).
     */
    static KafkaProducer<byte[], byte[]> producer(String bootstrap, Map<String, Object> extra) {
        Properties p = common(bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        p.putAll(extra);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A consumer for manual assignment: no group, no auto commit, {@code auto.offset.reset} as given. */
    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String offsetReset) {
        Properties p = common(bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        p.put(ConsumerConfig.CHECK_CRCS_CONFIG, "true");
        // its metadata requests must not bring back a topic the soak just deleted
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static Admin admin(String bootstrap) {
        Properties p = common(bootstrap);
        p.put(AdminClientConfig.RETRIES_CONFIG, "5");
        return Admin.create(p);
    }
}
