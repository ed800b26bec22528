package io.ringlog.broker.it;

import io.ringlog.broker.BrokerConfig;
import io.ringlog.broker.BrokerInternals;
import io.ringlog.broker.topic.Partition;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ringlog.network.inline.appends}: a lone produce to an open partition is appended on the
 * network thread that read it (InlineDispatch) when the switch is on, else (the default) on the I/O pool; many
 * producers at once still get every record acknowledged, in order per producer and partition.
 * The appending thread is seen through {@link Partition#addDataListener}, which runs on it.
 */
class InlineAppendsTest {
    private static final int LONE_SENDS = 5;
    private static final Map<String, String> ON = Map.of(BrokerConfig.INLINE_APPENDS, "true");

    @Test
    void shouldAppendALoneProduceOnTheNetworkThreadWhenSwitchedOn() throws Exception {
        try (RunningBroker broker = new RunningBroker(ON)) {
            List<String> threads = loneProduceAppendThreads(broker, "inline-default");
            assertInline(threads);
        }
    }

    @Test
    void shouldAppendALoneProduceOnTheNetworkThreadOverTheDurableStore() throws Exception {
        try (RunningBroker broker = RunningBroker.durable(ON)) {
            List<String> threads = loneProduceAppendThreads(broker, "inline-durable");
            assertInline(threads);
        }
    }

    @Test
    void shouldAppendInlineToAPartitionReopenedAfterARestartOnceItIsOpen() throws Exception {
        String topic = "inline-reopened";
        RunningBroker broker = RunningBroker.durable(ON);
        try {
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
                producer.send(record(topic, 0, "before-restart")).get(10, TimeUnit.SECONDS);
            }
            broker = broker.restart();
            Partition partition = BrokerInternals.topics(broker.broker).partition(new TopicPartition(topic, 0));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!partition.log().isOpen() && System.nanoTime() < deadline) {
                Thread.sleep(10); // the background opener (LazyPartitionLog until then)
            }
            assertTrue(partition.log().isOpen(), "reopened in the background");
            List<String> threads = loneProduceAppendThreads(broker, topic, List.of("before-restart"));
            assertInline(threads);
        } finally {
            broker.close();
        }
    }

    @Test
    void shouldAppendOnTheIoPoolByDefault() throws Exception {
        try (RunningBroker broker = new RunningBroker()) {
            List<String> threads = loneProduceAppendThreads(broker, "inline-off");
            assertAllStartWith("ringlog-io-", threads);
        }
    }

    /**
     * Creates a one-partition topic, sends one record (the first append loads the producer state, on
     * the pool), then {@link #LONE_SENDS} records one at a time, each waiting for its acks=all answer,
     * and returns the threads that appended those; checks a consumer reads all of them back.
     */
    private static List<String> loneProduceAppendThreads(RunningBroker broker, String topic) throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        return loneProduceAppendThreads(broker, topic, List.of());
    }

    /** As above on an existing topic whose partition already holds {@code before}. */
    private static List<String> loneProduceAppendThreads(RunningBroker broker, String topic, List<String> before)
        throws Exception {
        Partition partition = BrokerInternals.topics(broker.broker)
            .partition(new TopicPartition(topic, 0));
        assertNotNull(partition);
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        Runnable listener = () -> threads.add(Thread.currentThread().getName());
        List<String> sent = new ArrayList<>(before);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, "0"))) {
            sent.add("warm-up");
            producer.send(record(topic, 0, "warm-up")).get(10, TimeUnit.SECONDS);
            partition.addDataListener(listener);
            try {
                for (int i = 0; i < LONE_SENDS; i++) {
                    String value = "lone-" + i;
                    sent.add(value);
                    RecordMetadata md = producer.send(record(topic, 0, value)).get(10, TimeUnit.SECONDS);
                    assertEquals(before.size() + i + 1, md.offset());
                }
            } finally {
                partition.removeDataListener(listener);
            }
        }
        assertEquals(LONE_SENDS, threads.size(), "one append per send: " + threads);
        List<String> read = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : ProduceConsumeRoundTripTestSupport.consume(broker, List.of(new TopicPartition(topic, 0)), sent.size(),
            Duration.ofSeconds(15), Duration.ofMillis(200))) {
            read.add(new String(r.value(), StandardCharsets.UTF_8));
        }
        assertEquals(sent, read);
        return List.copyOf(threads);
    }

    @Test
    void shouldAcknowledgeAndKeepOrderForManyProducersWithInlineAppends() throws Exception {
        int producers = 4;
        int perProducer = 1_500;
        int partitions = 3;
        String topic = "inline-busy";
        try (RunningBroker broker = new RunningBroker(ON); ExecutorService pool = Executors.newFixedThreadPool(producers)) {
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            }
            List<Future<Integer>> done = new ArrayList<>();
            for (int id = 0; id < producers; id++) {
                int producerId = id;
                // Own producer each: own connection. Partition 0 is shared by all four, 1 and 2 by two each.
                done.add(pool.submit(() -> {
                    List<Future<RecordMetadata>> acks = new ArrayList<>();
                    try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG,
                        "0", ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5"))) {
                        for (int seq = 0; seq < perProducer; seq++) {
                            int p = seq % 2 == 0 ? 0 : 1 + producerId % 2;
                            byte[] value = ByteBuffer.allocate(8).putInt(producerId).putInt(seq).array();
                            acks.add(producer.send(new ProducerRecord<>(topic, p, null, value)));
                        }
                        for (Future<RecordMetadata> ack : acks) {
                            ack.get(20, TimeUnit.SECONDS); // throws if a record was not acknowledged
                        }
                    }
                    return acks.size();
                }));
            }
            for (Future<Integer> f : done) {
                assertEquals(perProducer, f.get(30, TimeUnit.SECONDS));
            }
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(topic, p));
            }
            List<ConsumerRecord<byte[], byte[]>> got = ProduceConsumeRoundTripTestSupport.consume(broker, tps,
                producers * perProducer, Duration.ofSeconds(15), Duration.ofMillis(200));
            assertEquals(producers * perProducer, got.size());
            Map<String, Integer> next = new HashMap<>();
            Map<Integer, Long> lastOffset = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : got) {
                ByteBuffer v = ByteBuffer.wrap(r.value());
                int producer = v.getInt();
                int seq = v.getInt();
                String key = producer + "/" + r.partition();
                int expected = next.getOrDefault(key, r.partition() == 0 ? 0 : 1);
                assertEquals(expected, seq, "producer " + producer + ", partition " + r.partition());
                next.put(key, seq + 2);
                long previous = lastOffset.getOrDefault(r.partition(), -1L);
                assertEquals(previous + 1, r.offset(), "partition " + r.partition() + " offsets are dense and ascending");
                lastOffset.put(r.partition(), r.offset());
            }
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int partition, String value) {
        return new ProducerRecord<>(topic, partition, null, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * All lone sends but at most one appended on a network thread, the last one among them. One may
     * go to the pool by design: a request whose connection has another one unanswered (the client's
     * own metadata refresh right after it connected or the broker restarted) counts as pipelining.
     */
    private static void assertInline(List<String> threads) {
        assertEquals(LONE_SENDS, threads.size(), threads.toString());
        long onNetwork = threads.stream().filter(t -> t.startsWith("ringlog-network-")).count();
        assertTrue(onNetwork >= LONE_SENDS - 1, "appended inline: " + threads);
        assertTrue(threads.get(LONE_SENDS - 1).startsWith("ringlog-network-"), "the last one inline: " + threads);
    }

    private static void assertAllStartWith(String prefix, List<String> threads) {
        assertEquals(LONE_SENDS, threads.size(), threads.toString());
        for (String t : threads) {
            assertTrue(t.startsWith(prefix), "appended on " + t + ", expected " + prefix + "*: " + threads);
        }
    }
}
