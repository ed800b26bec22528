package io.ringlog.broker.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** acks 0/1/all, read_committed, and fetch size limits smaller than a batch (KIP-74). */
class AcksAndFetchLimitsTest {
    private static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker();
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("acks", 3, (short) 1), new NewTopic("limits", 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "all"})
    void shouldStoreRecordsForEveryAcksSetting(String acks) throws Exception {
        int partition = List.of("0", "1", "all").indexOf(acks);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.ACKS_CONFIG, acks,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(acks.equals("all"))))) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>("acks", partition, null, ("a" + i).getBytes()));
            }
            producer.flush();
        }
        assertEquals(50, ProduceConsumeRoundTripTestSupport.consume(broker, new TopicPartition("acks", partition), 50).size());
    }

    @Test
    void shouldReturnABatchLargerThanTheFetchLimitsWholeAndServeReadCommitted() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, "200",
            ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20))) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("limits", 0, null, new byte[1000]));
            }
        }
        TopicPartition tp = new TopicPartition("limits", 0);
        List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of(
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4096, ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4096,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            consumer.assign(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (got.size() < 100 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(got::add);
            }
        }
        assertEquals(100, got.size());
    }
}
