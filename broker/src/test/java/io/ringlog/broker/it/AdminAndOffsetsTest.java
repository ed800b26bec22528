package io.ringlog.broker.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AdminClient topic management, DescribeConfigs, DeleteRecords and ListOffsets (earliest, latest, by time). */
class AdminAndOffsetsTest {
    static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(Map.of("num.partitions", "3"));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void shouldCreateDescribeAndDeleteTopics() throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("managed", 4, (short) 1)
                .configs(Map.of("retention.ms", "3600000")))).all().get();
            assertTrue(admin.listTopics().names().get().contains("managed"));
            assertEquals(4, admin.describeTopics(List.of("managed")).allTopicNames().get().get("managed").partitions().size());
            ExecutionException dup = assertThrows(ExecutionException.class,
                () -> admin.createTopics(List.of(new NewTopic("managed", 1, (short) 1))).all().get());
            assertInstanceOf(TopicExistsException.class, dup.getCause());

            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "managed");
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertEquals("3600000", config.get("retention.ms").value());
            assertEquals("delete", config.get("cleanup.policy").value());

            admin.deleteTopics(List.of("managed")).all().get();
            assertFalse(admin.listTopics().names().get().contains("managed"));
            ExecutionException gone = assertThrows(ExecutionException.class,
                () -> admin.deleteTopics(List.of("managed")).all().get());
            assertInstanceOf(UnknownTopicOrPartitionException.class, gone.getCause());
        }
    }

    @Test
    void shouldGrowTopicsButNeverShrinkThem() throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("growing", 2, (short) 1))).all().get();
            admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(5))).all().get();
            assertEquals(5, admin.describeTopics(List.of("growing")).allTopicNames().get().get("growing").partitions().size());
            ExecutionException shrink = assertThrows(ExecutionException.class,
                () -> admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(3))).all().get());
            assertInstanceOf(InvalidPartitionsException.class, shrink.getCause());
        }
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            assertEquals(0, producer.send(new ProducerRecord<>("growing", 4, null, "new".getBytes())).get().offset());
        }
    }

    @Test
    void shouldRejectReplicationFactorAboveOneAndUnknownConfigs() {
        try (Admin admin = broker.admin()) {
            ExecutionException rf = assertThrows(ExecutionException.class,
                () -> admin.createTopics(List.of(new NewTopic("rf3", 1, (short) 3))).all().get());
            assertInstanceOf(InvalidReplicationFactorException.class, rf.getCause());
            ExecutionException cfg = assertThrows(ExecutionException.class,
                () -> admin.createTopics(List.of(new NewTopic("cfg", 1, (short) 1).configs(Map.of("no.such", "1")))).all().get());
            assertInstanceOf(InvalidConfigurationException.class, cfg.getCause());
        }
    }

    @Test
    void shouldUseNumPartitionsForAutoCreatedTopics() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            producer.send(new ProducerRecord<>("auto-created", "x".getBytes())).get();
        }
        try (Admin admin = broker.admin()) {
            assertEquals(3, admin.describeTopics(List.of("auto-created")).allTopicNames().get()
                .get("auto-created").partitions().size());
        }
    }

    @Test
    void shouldListOffsetsByTimeEarliestAndLatest() throws Exception {
        TopicPartition tp = new TopicPartition("timed", 0);
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("timed", 1, (short) 1))).all().get();
        }
        long base = 1_700_000_000_000L;
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("timed", 0, base + i * 1000L, null, ("v" + i).getBytes())).get();
            }
        }
        try (Admin admin = broker.admin()) {
            assertEquals(0, offset(admin, tp, OffsetSpec.earliest()).offset());
            assertEquals(10, offset(admin, tp, OffsetSpec.latest()).offset());
            ListOffsetsResultInfo byTime = offset(admin, tp, OffsetSpec.forTimestamp(base + 4500));
            assertEquals(5, byTime.offset());
            assertEquals(base + 5000, byTime.timestamp());
            assertEquals(-1, offset(admin, tp, OffsetSpec.forTimestamp(base + 99_000)).offset());

            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(4))).all().get();
            assertEquals(4, offset(admin, tp, OffsetSpec.earliest()).offset());
        }
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
            consumer.assign(List.of(tp));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(Map.of(tp, base + 6000), Duration.ofSeconds(10));
            assertEquals(6, found.get(tp).offset());
            assertNull(consumer.offsetsForTimes(Map.of(tp, base + 60_000), Duration.ofSeconds(10)).get(tp));
            assertEquals(Map.of(tp, 4L), consumer.beginningOffsets(Set.of(tp)));
            assertEquals(Map.of(tp, 10L), consumer.endOffsets(Set.of(tp)));
            consumer.seekToBeginning(List.of(tp));
            assertEquals(4, consumer.position(tp));
        }
    }

    private static ListOffsetsResultInfo offset(Admin admin, TopicPartition tp, OffsetSpec spec) throws Exception {
        return admin.listOffsets(Map.of(tp, spec)).partitionResult(tp).get();
    }
}
