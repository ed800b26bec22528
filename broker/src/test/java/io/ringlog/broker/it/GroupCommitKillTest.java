package io.ringlog.broker.it;

import io.ringlog.broker.BrokerConfig;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Committed offsets survive a SIGKILL of the broker process (issue 6): a group consumer commits
 * offsets (with metadata) at seeded positions, the broker process is killed right after the last
 * commit was acknowledged, and after a restart on the same data directory the committed offsets are
 * reported by the AdminClient and a new consumer of the group resumes exactly after them.
 */
class GroupCommitKillTest {
    private static final String TOPIC = "committed";
    private static final int PARTITIONS = 3;
    private static final int PER_PARTITION = 40;

    @Test
    void committedOffsetsSurviveSigkillAndTheGroupResumesRightAfterThem(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("ringlog.test.seed", System.nanoTime());
        System.out.println("GroupCommitKillTest seed " + seed + " (replay: -Dringlog.test.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        Process broker = BrokerProcesses.start(dir, BrokerConfig.GROUP_INITIAL_REBALANCE_DELAY_MS + "=0");
        try {
            String bootstrap = BrokerProcesses.awaitListening(broker);
            try (Admin admin = admin(bootstrap)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            }
            produce(bootstrap);
            try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
                c.subscribe(List.of(TOPIC));
                int seen = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (seen < PARTITIONS * PER_PARTITION && System.nanoTime() < deadline) {
                    seen += c.poll(Duration.ofMillis(200)).count();
                }
                assertEquals(PARTITIONS * PER_PARTITION, seen, "records consumed before the commits");
                // Several commits, each superseding the last; only the last one per partition must survive.
                for (int round = 0; round < 5; round++) {
                    for (int p = 0; p < PARTITIONS; p++) {
                        long offset = random.nextInt(PER_PARTITION + 1);
                        committed.put(new TopicPartition(TOPIC, p), new OffsetAndMetadata(offset, "round " + round));
                    }
                    c.commitSync(committed);
                }
                broker.destroyForcibly(); // SIGKILL right after the last acknowledged commit
                broker.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            broker.destroyForcibly();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
        Process again = BrokerProcesses.start(dir, BrokerConfig.GROUP_INITIAL_REBALANCE_DELAY_MS + "=0");
        try {
            String bootstrap = BrokerProcesses.awaitListening(again);
            try (Admin admin = admin(bootstrap)) {
                Map<TopicPartition, OffsetAndMetadata> recovered =
                    admin.listConsumerGroupOffsets("g").partitionsToOffsetAndMetadata().get();
                assertEquals(committed, recovered, "committed offsets after SIGKILL and restart");
            }
            assertResumesAfterCommits(bootstrap, committed);
            again.destroy(); // SIGTERM: clean shutdown, exit 0
            assertTrue(again.waitFor(15, TimeUnit.SECONDS));
            assertEquals(0, again.exitValue());
        } finally {
            again.destroyForcibly();
        }
    }

    private static void assertResumesAfterCommits(String bootstrap, Map<TopicPartition, OffsetAndMetadata> committed) {
        long expected = committed.values().stream().mapToLong(o -> PER_PARTITION - o.offset()).sum();
        Map<Integer, Long> first = new HashMap<>();
        long got = 0;
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
            c.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (got < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    first.putIfAbsent(r.partition(), r.offset());
                    got++;
                }
            }
            got += c.poll(Duration.ofMillis(500)).count(); // nothing more may come
        }
        assertEquals(expected, got, "records after the committed offsets");
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
            if (e.getValue().offset() < PER_PARTITION) {
                assertEquals(e.getValue().offset(), first.get(e.getKey().partition()), "first offset read on " + e.getKey());
            }
        }
    }

    private static void produce(String bootstrap) throws Exception {
        Properties p = common(bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < PER_PARTITION; i++) {
                for (int part = 0; part < PARTITIONS; part++) {
                    producer.send(new ProducerRecord<>(TOPIC, part, null, ("v" + i).getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties p = common(bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "g");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "200");
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Admin admin(String bootstrap) {
        Properties p = common(bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "60000");
        return Admin.create(p);
    }

    private static Properties common(String bootstrap) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, "50");
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        return p;
    }
}
