package io.ringlog.broker.it;

import io.ringlog.broker.storage.InMemoryPartitionLogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import io.ringlog.broker.topic.FileTopicMetadataStore;
import io.ringlog.broker.topic.TopicMetadataStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fetches served from file regions (transferTo); a broker restarted over the same stores sees its topics, ids and configs. */
class ZeroCopyAndRestartTest {

    @Test
    void shouldServeFetchesFromFileRegions(@TempDir Path dir) throws Exception {
        try (RunningBroker broker = new RunningBroker(Map.of(), new FileRegionLogFactory(dir))) {
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic("zero-copy", 1, (short) 1))).all().get();
            }
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"))) {
                for (int i = 0; i < 2000; i++) {
                    producer.send(new ProducerRecord<>("zero-copy", 0, null, ("record-" + i).repeat(20).getBytes()));
                }
            }
            List<ConsumerRecord<byte[], byte[]>> got = ProduceConsumeRoundTripTestSupport.consume(broker,
                new TopicPartition("zero-copy", 0), 2000);
            assertEquals(2000, got.size());
            for (int i = 0; i < 2000; i++) {
                assertEquals(("record-" + i).repeat(20), new String(got.get(i).value()));
            }
        }
    }

    @Test
    void shouldReopenTopicsDataIdsAndConfigsOnRestart(@TempDir Path dir) throws Exception {
        InMemoryPartitionLogFactory store = new InMemoryPartitionLogFactory();
        TopicMetadataStore metadata = new FileTopicMetadataStore(dir);
        Uuid id;
        try (RunningBroker first = new RunningBroker(Map.of(), store, metadata)) {
            try (Admin admin = first.admin()) {
                id = admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1)
                    .configs(Map.of("retention.ms", "123456")))).topicId("kept").get();
            }
            try (KafkaProducer<byte[], byte[]> producer = first.producer(Map.of())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("kept", i % 2, null, ("v" + i).getBytes()));
                }
            }
        }
        try (RunningBroker second = new RunningBroker(Map.of(), store, metadata)) {
            try (Admin admin = second.admin()) {
                TopicDescription description = admin.describeTopics(List.of("kept")).allTopicNames().get().get("kept");
                assertEquals(2, description.partitions().size());
                assertEquals(id, description.topicId());
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "kept");
                assertEquals("123456", admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get("retention.ms").value());
            }
            assertEquals(5, ProduceConsumeRoundTripTestSupport.consume(second, new TopicPartition("kept", 1), 5).size());
        }
    }

    @Test
    void shouldRebuildIdempotentProducerStateFromTheLogAfterRestart() throws Exception {
        InMemoryPartitionLogFactory store = new InMemoryPartitionLogFactory();
        TopicMetadataStore metadata = TopicMetadataStore.inMemory();
        long pid;
        try (RunningBroker first = new RunningBroker(Map.of(), store, metadata)) {
            try (Admin admin = first.admin()) {
                admin.createTopics(List.of(new NewTopic("idem-restart", 1, (short) 1))).all().get();
            }
            try (RawKafkaConnection c = new RawKafkaConnection(first.address)) {
                pid = RawProduce.initProducerId(c);
                for (int seq = 0; seq < 6; seq += 2) {
                    assertEquals(Errors.NONE, RawProduce.produce(c, "idem-restart", RawProduce.batch(pid, (short) 0, seq, 2)).error());
                }
            }
        }
        try (RunningBroker second = new RunningBroker(Map.of(), store, metadata);
             RawKafkaConnection c = new RawKafkaConnection(second.address)) {
            // A retry of the last batch from before the restart is still a duplicate ...
            assertEquals(new RawProduce.Outcome(Errors.NONE, 4), RawProduce.produce(c, "idem-restart", RawProduce.batch(pid, (short) 0, 4, 2)));
            // ... and the producer continues its sequence.
            assertEquals(new RawProduce.Outcome(Errors.NONE, 6), RawProduce.produce(c, "idem-restart", RawProduce.batch(pid, (short) 0, 6, 1)));
            assertEquals(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, RawProduce.produce(c, "idem-restart", RawProduce.batch(pid, (short) 0, 9, 1)).error());
        }
    }
}
