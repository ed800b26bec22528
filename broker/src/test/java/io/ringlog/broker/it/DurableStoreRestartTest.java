package io.ringlog.broker.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real broker restart on the same data directory, and retention run by the broker's timer. */
class DurableStoreRestartTest {

    @Test
    void shouldBringBackRecordsTopicIdsConfigsAndDeletedRecordsAfterARestart() throws Exception {
        RunningBroker broker = RunningBroker.durable(Map.of());
        TopicPartition p0 = new TopicPartition("kept", 0);
        Uuid id;
        try {
            try (Admin admin = broker.admin()) {
                id = admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1)
                    .configs(Map.of("retention.ms", "123456789")))).topicId("kept").get();
            }
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
                for (int i = 0; i < 200; i++) {
                    ProducerRecord<byte[], byte[]> r = new ProducerRecord<>("kept", i % 2, ("k" + i).getBytes(), ("v" + i).getBytes());
                    r.headers().add(new RecordHeader("h", ("x" + i).getBytes()));
                    producer.send(r);
                }
            }
            try (Admin admin = broker.admin()) {
                admin.deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(40))).all().get();
            }
            broker = broker.restart();
            try (Admin admin = broker.admin()) {
                assertEquals(id, admin.describeTopics(List.of("kept")).allTopicNames().get().get("kept").topicId());
            }
            try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
                assertEquals(Map.of(p0, 40L), consumer.beginningOffsets(Set.of(p0)));
                assertEquals(Map.of(p0, 100L), consumer.endOffsets(Set.of(p0)));
            }
            List<ConsumerRecord<byte[], byte[]>> p1 = ProduceConsumeRoundTripTestSupport.consume(broker,
                new TopicPartition("kept", 1), 100);
            assertEquals(100, p1.size());
            for (int j = 0; j < 100; j++) {
                int i = 2 * j + 1;
                assertEquals(j, p1.get(j).offset());
                assertArrayEquals(("k" + i).getBytes(), p1.get(j).key());
                assertArrayEquals(("v" + i).getBytes(), p1.get(j).value());
                assertArrayEquals(("x" + i).getBytes(), p1.get(j).headers().lastHeader("h").value());
            }
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
                assertEquals(100, producer.send(new ProducerRecord<>("kept", 1, null, "after".getBytes())).get().offset());
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void shouldApplyRetentionOnTheBrokersTimer() throws Exception {
        try (RunningBroker broker = RunningBroker.durable(Map.of("log.retention.check.interval.ms", "100"))) {
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic("short-lived", 1, (short) 1).configs(Map.of(
                    "segment.bytes", "16384", "max.message.bytes", "4096", "retention.bytes", "0")))).all().get();
            }
            TopicPartition tp = new TopicPartition("short-lived", 0);
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of("batch.size", "3000"))) {
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("short-lived", 0, null, ("r" + i + "-" + "z".repeat(1000)).getBytes()));
                }
            }
            try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
                long start = 0;
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (start == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    start = consumer.beginningOffsets(Set.of(tp)).get(tp);
                }
                assertTrue(start > 0, "retention moved the log start");
                assertEquals(100L, consumer.endOffsets(Set.of(tp)).get(tp));
                List<ConsumerRecord<byte[], byte[]>> rest = ProduceConsumeRoundTripTestSupport.consume(broker, tp, 1);
                assertTrue(rest.getFirst().offset() >= start, "a consumer from the beginning starts at the new log start");
            }
        }
    }
}
