package io.ringlog.broker.it;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Compressed batches are stored as sent and decompressed by the consumer; big batches; many partitions. */
class CompressionAndSizeTest {
    static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(Map.of("message.max.bytes", Integer.toString(4 << 20)));
        createTopics();
    }

    /**
     * The wide topics get 16 KiB segments and batches: a durable store zero-fills one segment per
     * partition, and a segment must hold the largest batch (4 MiB here by the broker default).
     */
    static void createTopics() throws Exception {
        Map<String, String> small = Map.of("segment.bytes", "16384", "max.message.bytes", "16384");
        // One CreateTopics request opens 570 partitions; on a loaded VM (durable 4 KiB writes at 0.7 ms)
        // that took longer than the usual 10 s request timeout, and the retry then met TopicExists.
        Map<String, Object> patient = Map.of(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "120000",
            CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "180000");
        try (Admin admin = broker.admin(patient)) {
            admin.createTopics(List.of(new NewTopic("codecs", 5, (short) 1), new NewTopic("large", 1, (short) 1),
                new NewTopic("wide", 64, (short) 1).configs(small),
                new NewTopic("very-wide", 500, (short) 1).configs(small))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void shouldRoundTripEveryCompressionCodec(String codec) throws Exception {
        int partition = List.of("none", "gzip", "snappy", "lz4", "zstd").indexOf(codec);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec,
            ProducerConfig.LINGER_MS_CONFIG, "50"))) {
            for (int i = 0; i < 500; i++) {
                producer.send(new ProducerRecord<>("codecs", partition, null, ("value-" + codec + "-" + i).getBytes()));
            }
        }
        List<ConsumerRecord<byte[], byte[]>> got = ProduceConsumeRoundTripTestSupport.consume(broker,
            new TopicPartition("codecs", partition), 500);
        assertEquals(500, got.size());
        for (int i = 0; i < 500; i++) {
            assertEquals("value-" + codec + "-" + i, new String(got.get(i).value()));
            assertEquals(i, got.get(i).offset());
        }
    }

    @Test
    void shouldRoundTripLargeRecordsInLargeBatches() throws Exception {
        Random random = new Random(42);
        List<byte[]> values = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.BATCH_SIZE_CONFIG, 2 << 20,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20, ProducerConfig.LINGER_MS_CONFIG, "100"))) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                byte[] v = new byte[(i % 3 == 0) ? 3_000_000 : 200_000];
                random.nextBytes(v);
                values.add(v);
                sent.add(producer.send(new ProducerRecord<>("large", 0, null, v)));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
        List<ConsumerRecord<byte[], byte[]>> got = ProduceConsumeRoundTripTestSupport.consume(broker,
            new TopicPartition("large", 0), values.size());
        assertEquals(values.size(), got.size());
        for (int i = 0; i < values.size(); i++) {
            assertArrayEquals(values.get(i), got.get(i).value(), "record " + i);
        }
    }

    @Test
    void shouldServeFiveHundredPartitionsInOneFetch() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int p = 0; p < 500; p++) {
                producer.send(new ProducerRecord<>("very-wide", p, null, Integer.toString(p).getBytes()));
            }
        }
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < 500; p++) {
            all.add(new TopicPartition("very-wide", p));
        }
        List<ConsumerRecord<byte[], byte[]>> got = ProduceConsumeRoundTripTestSupport.consume(broker, all, 500);
        assertEquals(500, got.size());
        got.forEach(r -> assertEquals(Integer.toString(r.partition()), new String(r.value())));
    }

    @Test
    void shouldServeManyPartitions() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = 0; i < 64 * 20; i++) {
                producer.send(new ProducerRecord<>("wide", i % 64, null, Integer.toString(i).getBytes()));
            }
        }
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < 64; p++) {
            all.add(new TopicPartition("wide", p));
        }
        List<ConsumerRecord<byte[], byte[]>> got = ProduceConsumeRoundTripTestSupport.consume(broker, all, 64 * 20);
        assertEquals(64 * 20, got.size());
        int[] perPartition = new int[64];
        got.forEach(r -> perPartition[r.partition()]++);
        int[] expected = new int[64];
        Arrays.fill(expected, 20);
        assertArrayEquals(expected, perPartition);
    }
}
