package io.ringlog.broker.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Several idempotent producers write to shared partitions while a consumer tails them: every record
 * arrives exactly once, and each producer's records keep their order within a partition.
 */
class ConcurrentClientsTest {
    private static final int PRODUCERS = 4;
    private static final int PARTITIONS = 6;
    private static final int PER_PRODUCER = 5_000;

    @Test
    void shouldDeliverEveryRecordOnceAndInProducerOrderUnderConcurrency() throws Exception {
        // Own threads: the common pool has a single thread on a 2-core machine.
        try (RunningBroker broker = new RunningBroker(); ExecutorService threads = Executors.newCachedThreadPool()) {
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic("busy", PARTITIONS, (short) 1))).all().get();
            }
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                tps.add(new TopicPartition("busy", p));
            }
            CompletableFuture<List<ConsumerRecord<byte[], byte[]>>> tail = CompletableFuture.supplyAsync(
                () -> ProduceConsumeRoundTripTestSupport.consume(broker, tps, PRODUCERS * PER_PRODUCER,
                    Duration.ofSeconds(60), Duration.ofMillis(300)), threads);
            List<CompletableFuture<Void>> producers = new ArrayList<>();
            for (int id = 0; id < PRODUCERS; id++) {
                int producerId = id;
                producers.add(CompletableFuture.runAsync(() -> produce(broker, producerId), threads));
            }
            CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).get();
            List<ConsumerRecord<byte[], byte[]>> got = tail.get();
            assertEquals(PRODUCERS * PER_PRODUCER, got.size());
            Map<String, Integer> lastSeen = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : got) {
                ByteBuffer v = ByteBuffer.wrap(r.value());
                int producer = v.getInt();
                int seq = v.getInt();
                String key = producer + "/" + r.partition();
                int previous = lastSeen.getOrDefault(key, -1);
                assertEquals(true, seq > previous, "producer " + producer + " partition " + r.partition()
                    + ": " + seq + " after " + previous);
                lastSeen.put(key, seq);
            }
        }
    }

    private static void produce(RunningBroker broker, int producerId) {
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, "1",
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5", ProducerConfig.BATCH_SIZE_CONFIG, "4096"))) {
            for (int i = 0; i < PER_PRODUCER; i++) {
                byte[] value = ByteBuffer.allocate(8).putInt(producerId).putInt(i).array();
                producer.send(new ProducerRecord<>("busy", i % PARTITIONS, null, value));
            }
        }
    }
}
