package io.ringlog.broker.it;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker as a process on the durable store: a producer (acks=all) writes while the broker gets
 * SIGKILL; after a restart on the same data directory every acknowledged record is there, at its
 * acknowledged offset, byte for byte.
 */
class BrokerProcessCrashTest {
    private static final String TOPIC = "crash";

    @Test
    void everyAcknowledgedRecordShouldSurviveSigkillOfTheBroker(@TempDir Path dir) throws Exception {
        Map<Long, byte[]> acked = new ConcurrentHashMap<>();
        Process broker = BrokerProcesses.start(dir);
        try {
            String bootstrap = BrokerProcesses.awaitListening(broker);
            try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                // Keep ~1,000 sends in flight until 2,000 are acknowledged, then SIGKILL with the
                // rest still in flight. No send after the kill: with the broker gone each would
                // wait max.block.ms for metadata.
                for (int i = 0; acked.size() < 2_000 && System.nanoTime() < deadline; i++) {
                    byte[] value = ("record-" + i + "-" + "p".repeat(i % 200)).getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(TOPIC, 0, null, value), (md, e) -> {
                        if (e == null) {
                            acked.put(md.offset(), value);
                        }
                    });
                    while (i - acked.size() > 1_000 && System.nanoTime() < deadline) {
                        Thread.sleep(1);
                    }
                }
                broker.destroyForcibly(); // SIGKILL while sends are in flight
                producer.flush();
            }
        } finally {
            broker.destroyForcibly();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
        System.out.println("acknowledged before the SIGKILL: " + acked.size());
        assertTrue(acked.size() > 100, "some records were acknowledged before the kill: " + acked.size());
        Process again = BrokerProcesses.start(dir);
        try {
            String bootstrap = BrokerProcesses.awaitListening(again);
            long expectedEnd = acked.keySet().stream().mapToLong(Long::longValue).max().orElseThrow() + 1;
            List<ConsumerRecord<byte[], byte[]>> got = consume(bootstrap, expectedEnd);
            assertTrue(got.size() >= expectedEnd, "recovered " + got.size() + " of at least " + expectedEnd);
            for (ConsumerRecord<byte[], byte[]> r : got) {
                byte[] expected = acked.get(r.offset());
                if (expected != null) {
                    assertArrayEquals(expected, r.value(), "offset " + r.offset());
                }
            }
            assertEquals(acked.size(), got.stream().filter(r -> acked.containsKey(r.offset())).count());
            System.out.println("recovered " + got.size() + " records, every acknowledged one intact");
            again.destroy(); // SIGTERM: clean shutdown, exit 0
            assertTrue(again.waitFor(15, TimeUnit.SECONDS));
            assertEquals(0, again.exitValue());
        } finally {
            again.destroyForcibly();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "3000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, "50");
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        p.put("auto.create.topics.enable", "true");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static List<ConsumerRecord<byte[], byte[]>> consume(String bootstrap, long expected) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        List<ConsumerRecord<byte[], byte[]>> out = new java.util.ArrayList<>();
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
