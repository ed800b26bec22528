package io.ringlog.broker.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Real kafka-clients producer (acks=all, idempotent) and consumer (assign, no group) against the broker. */
class ProduceConsumeRoundTripTest {
    static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void shouldRoundTripKeysValuesAndHeadersInOrder() throws Exception {
        String topic = "round-trip";
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = 0; i < 100; i++) {
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, 0, bytes("k" + i), bytes("v" + i));
                r.headers().add(new RecordHeader("h", bytes("x" + i)));
                sent.add(producer.send(r));
            }
        }
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(i, sent.get(i).get().offset());
        }
        List<ConsumerRecord<byte[], byte[]>> got = ProduceConsumeRoundTripTestSupport.consume(broker, new TopicPartition(topic, 0), 100);
        assertEquals(100, got.size());
        for (int i = 0; i < 100; i++) {
            ConsumerRecord<byte[], byte[]> r = got.get(i);
            assertEquals(i, r.offset());
            assertArrayEquals(bytes("k" + i), r.key());
            assertArrayEquals(bytes("v" + i), r.value());
            assertArrayEquals(bytes("x" + i), r.headers().lastHeader("h").value());
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
