package io.ringlog.reliability;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.ringlog.reliability.LogModel.check;

/**
 * The client side of the broker soak, all through kafka-clients: two producers ({@code acks=all},
 * idempotent, mixed sizes up to 40 KiB) on topic {@value #TOPIC}; a consumer tailing all its
 * partitions; a consumer reading at random offsets; and a churn loop that creates a topic, produces to
 * it, reads it back, deletes it, and every fourth time deletes the records of a {@value #TOPIC}
 * partition up to near its end. Every record read is checked to be a well-formed {@link Payload} and
 * offsets only move forward; the first failure of any worker is kept in {@link #failure()}.
 *
 * <p>Thread-safety: {@link #start} and {@link #stop} from one controlling thread; counters from any.
 */
final class BrokerSoakLoad {
    static final String TOPIC = "soak";
    static final int PARTITIONS = 4;

    private final String bootstrap;
    private final long seed;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong read = new AtomicLong();
    final AtomicLong randomReads = new AtomicLong();
    final AtomicLong topicsChurned = new AtomicLong();
    final AtomicLong recordDeletes = new AtomicLong();
    private volatile boolean stop;

    BrokerSoakLoad(String bootstrap, long seed) {
        this.bootstrap = bootstrap;
        this.seed = seed;
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Creates {@value #TOPIC} and starts the workers. */
    void start() throws Exception {
        try (Admin admin = BrokerClients.admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
        worker("producer-0", () -> produce(Trials.random(seed * 31)));
        worker("producer-1", () -> produce(Trials.random(seed * 31 + 1)));
        worker("tailer", this::tail);
        worker("random-reader", () -> readRandomly(Trials.random(seed * 31 + 2)));
        worker("churn", this::churn);
    }

    private void worker(String name, Body body) {
        workers.add(Thread.ofPlatform().name("broker-soak-" + name).start(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, new AssertionError(name + " failed", t));
            }
        }));
    }

    /** Stops the workers and waits for them (they finish their current request first). */
    void stop() throws InterruptedException {
        stop = true;
        for (Thread t : workers) {
            t.join(120_000);
            check(!t.isAlive(), "broker soak", t.getName() + " did not stop: " + java.util.Arrays.toString(t.getStackTrace()));
        }
    }

    Throwable failure() {
        return failure.get();
    }

    private void produce(Random random) throws Exception {
        Semaphore window = new Semaphore(32);
        try (KafkaProducer<byte[], byte[]> producer = BrokerClients.producer(bootstrap,
            Map.of(ProducerConfig.LINGER_MS_CONFIG, "2"))) {
            for (long i = 0; !stop; i++) {
                if (!window.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int k = random.nextInt(10);
                int length = k < 6 ? random.nextInt(200) : k < 9 ? 200 + random.nextInt(4000) : 4000 + random.nextInt(36000);
                ByteBuffer value = Payload.value(seed << 40 ^ random.nextLong() >>> 24, length);
                producer.send(new ProducerRecord<>(TOPIC, random.nextInt(PARTITIONS), null, value.array()), (md, e) -> {
                    window.release();
                    if (e != null) {
                        failure.compareAndSet(null, new AssertionError("a send to " + TOPIC + " failed", e));
                    } else {
                        acked.incrementAndGet();
                    }
                });
                if (i % 4 == 0) {
                    Thread.sleep(1); // a steady load, not a saturating one: the machine is shared
                }
            }
        }
    }

    private void tail() {
        List<TopicPartition> tps = partitions(TOPIC, PARTITIONS);
        long[] last = new long[PARTITIONS];
        java.util.Arrays.fill(last, -1);
        try (KafkaConsumer<byte[], byte[]> consumer = BrokerClients.consumer(bootstrap, "earliest")) {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            while (!stop) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    checkRecord(r, "tailer");
                    check(r.offset() > last[r.partition()], "broker soak", "tailer: offset " + r.offset() + " of partition "
                        + r.partition() + " after " + last[r.partition()]);
                    last[r.partition()] = r.offset();
                    read.incrementAndGet();
                }
            }
        }
    }

    private static void checkRecord(ConsumerRecord<byte[], byte[]> r, String who) {
        check(Payload.idOf(r.value() == null ? null : ByteBuffer.wrap(r.value())) >= 0, "broker soak",
            who + ": malformed record at " + r.topic() + "-" + r.partition() + " offset " + r.offset());
    }

    private void readRandomly(Random random) throws InterruptedException {
        List<TopicPartition> tps = partitions(TOPIC, PARTITIONS);
        try (KafkaConsumer<byte[], byte[]> consumer = BrokerClients.consumer(bootstrap, "earliest")) {
            while (!stop) {
                TopicPartition tp = tps.get(random.nextInt(PARTITIONS));
                consumer.assign(List.of(tp));
                long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
                long end = consumer.endOffsets(List.of(tp)).get(tp);
                if (end > begin) {
                    consumer.seek(tp, begin + (long) (random.nextDouble() * (end - begin)));
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        checkRecord(r, "random reader");
                    }
                    randomReads.incrementAndGet();
                }
                Thread.sleep(20);
            }
        }
    }

    private void churn() throws Exception {
        try (Admin admin = BrokerClients.admin(bootstrap)) {
            for (int n = 0; !stop; n++) {
                churnOneTopic(admin, "churn-" + n);
                if (n % 4 == 3) {
                    deleteRecordsNearTheEnd(admin, new TopicPartition(TOPIC, n / 4 % PARTITIONS));
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Creates {@code name} (2 partitions), produces 10 records to each, reads them back, deletes it.
     * Clients are made per topic and closed before the delete: a client that still knew the topic would
     * ask for its metadata again, and a producer's metadata request re-creates a missing topic.
     */
    private void churnOneTopic(Admin admin, String name) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, 2, (short) 1))).all().get(60, TimeUnit.SECONDS);
        List<TopicPartition> tps = partitions(name, 2);
        Map<Long, Long> expected = new HashMap<>(); // payload id -> value length
        try (KafkaProducer<byte[], byte[]> producer = BrokerClients.producer(bootstrap, Map.of())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long id = ((long) name.hashCode() << 32) ^ i;
                ByteBuffer value = Payload.value(id, 100 * i);
                expected.put(id, (long) value.remaining());
                sends.add(producer.send(new ProducerRecord<>(name, i % 2, null, value.array())));
            }
            for (Future<RecordMetadata> f : sends) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        try (KafkaConsumer<byte[], byte[]> consumer = BrokerClients.consumer(bootstrap, "earliest")) {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!expected.isEmpty()) {
                check(System.nanoTime() < deadline, "broker soak", name + ": " + expected.size() + " records not read back");
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    checkRecord(r, "churn");
                    Long length = expected.remove(Payload.idOf(ByteBuffer.wrap(r.value())));
                    check(length != null && length == r.value().length, "broker soak", name + ": unexpected record at "
                        + r.partition() + "/" + r.offset());
                }
            }
        }
        admin.deleteTopics(List.of(name)).all().get(60, TimeUnit.SECONDS);
        topicsChurned.incrementAndGet();
    }

    private void deleteRecordsNearTheEnd(Admin admin, TopicPartition tp) throws Exception {
        long end = admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()))
            .partitionResult(tp).get(60, TimeUnit.SECONDS).offset();
        if (end > 10) {
            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(end - 10))).all().get(60, TimeUnit.SECONDS);
            recordDeletes.incrementAndGet();
        }
    }

    private static List<TopicPartition> partitions(String topic, int count) {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        return tps;
    }
}
