package io.ringlog.broker.it;

import io.ringlog.broker.BrokerConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared pieces of the consumer-group tests: broker settings with short group timeouts, group consumers
 * that notice rebalances quickly, and polling helpers with generous deadlines (the machine is loaded).
 */
final class GroupTestSupport {
    /** No initial rebalance delay, small session timeouts allowed. */
    static final Map<String, String> BROKER_SETTINGS = Map.of(BrokerConfig.GROUP_INITIAL_REBALANCE_DELAY_MS, "0",
        BrokerConfig.GROUP_MIN_SESSION_TIMEOUT_MS, "100");
    static final Duration DEADLINE = Duration.ofSeconds(45);

    private GroupTestSupport() {
    }

    /** Settings of a default (classic protocol) group consumer that heartbeats often. */
    static Map<String, Object> groupConsumer(String groupId, String offsetReset) {
        Map<String, Object> m = new HashMap<>();
        m.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        m.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        m.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "200");
        m.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        m.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "30000");
        return m;
    }

    static void createTopic(RunningBroker broker, String name, int partitions) throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    /** Produces {@code count} records with values {@code prefix + i}, record i to partition i % partitions. */
    static void produce(RunningBroker broker, String topic, int partitions, String prefix, int count) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, null, (prefix + i).getBytes()));
            }
            producer.flush();
        }
    }

    /** Polls every consumer in turn until {@code done}, failing after {@link #DEADLINE}; returns the records seen per consumer. */
    static List<List<ConsumerRecord<byte[], byte[]>>> pollUntil(List<KafkaConsumer<byte[], byte[]>> consumers,
                                                               String what, BooleanSupplier done,
                                                               List<List<ConsumerRecord<byte[], byte[]>>> seen) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            for (int i = 0; i < consumers.size(); i++) {
                consumers.get(i).poll(Duration.ofMillis(100)).forEach(seen.get(i)::add);
            }
        }
        return seen;
    }

    static List<List<ConsumerRecord<byte[], byte[]>>> emptyLists(int n) {
        List<List<ConsumerRecord<byte[], byte[]>>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        return out;
    }

    /** True when every consumer has partitions, no two share one, and together they have all {@code total}. */
    static boolean balanced(List<KafkaConsumer<byte[], byte[]>> consumers, int total) {
        Set<TopicPartition> union = new HashSet<>();
        int sum = 0;
        for (KafkaConsumer<byte[], byte[]> c : consumers) {
            Set<TopicPartition> a = c.assignment();
            if (a.isEmpty()) {
                return false;
            }
            union.addAll(a);
            sum += a.size();
        }
        return sum == total && union.size() == total;
    }
}
