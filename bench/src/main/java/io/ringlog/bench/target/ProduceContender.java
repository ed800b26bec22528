package io.ringlog.bench.target;

import io.ringlog.bench.Contender;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One backend of the {@code broker} target: a kafka-clients producer (acks=all, idempotent, the
 * client defaults otherwise) writing {@code --size}-byte values to partition 0 of a fresh one-partition
 * topic, exactly as the Kafka reference was measured.
 * <ul>
 *   <li>Latency mode: each {@link #writeOnce()} is {@code send(record).get()} with {@code linger.ms=0}:
 *       one record in flight, timed from the call until the broker's acknowledgement reached the caller.</li>
 *   <li>Batched mode: each {@link #writeOnce()} is an asynchronous {@code send} ({@code linger.ms=5},
 *       {@code batch.size=256 KiB}, as the broker's former latency probe did); the last call of the warm-up
 *       and of the round also {@code flush()}es, so the round's wall time covers every acknowledgement
 *       and only its MB/s is meaningful (per-op latencies are send-call times).</li>
 * </ul>
 * The topic is created before the first round (untimed) and deleted at close; an in-process broker
 * is stopped at close. The note is computed when asked (an in-process store picks its write path at
 * its first partition).
 *
 * <p>Thread-safety: not thread-safe; one measuring thread drives it.
 */
final class ProduceContender implements Contender {
    private static final int PARTITION = 0;
    private static final long ADMIN_TIMEOUT_SECONDS = 60;

    private final String name;
    private final String bootstrap;
    private final String topic;
    private final BrokerOptions options;
    private final AutoCloseable owned;
    private final Supplier<String> note;
    private final KafkaProducer<byte[], byte[]> producer;
    private final byte[] value;
    private final AtomicReference<Exception> asyncFailure = new AtomicReference<>();
    private final Callback onAck = (metadata, error) -> {
        if (error != null) {
            asyncFailure.compareAndSet(null, error);
        }
    };
    private long sentThisRound;

    ProduceContender(BrokerSpec spec, String bootstrap, BrokerOptions options, int valueBytes, AutoCloseable owned,
                     Supplier<String> note) throws Exception {
        this.name = spec.name();
        this.bootstrap = bootstrap;
        this.options = options;
        this.owned = owned;
        this.note = note;
        this.topic = String.format(Locale.ROOT, "ringlog-bench-%s-%d-%d", spec.name(), ProcessHandle.current().pid(),
            System.nanoTime() % 1_000_000_000L);
        this.value = new byte[valueBytes];
        Arrays.fill(value, (byte) 0x5a);
        createTopic(spec);
        this.producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Properties common() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, "ringlog-bench-" + name);
        return p;
    }

    private Properties producerProperties() {
        Properties p = common();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        if (options.batched()) {
            p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        } else {
            p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        }
        return p;
    }

    private void createTopic(BrokerSpec spec) throws Exception {
        Properties p = common();
        p.put(AdminClientConfig.RETRIES_CONFIG, "5");
        try (Admin admin = Admin.create(p)) {
            NewTopic t = new NewTopic(topic, 1, (short) 1).configs(spec.topicConfigs());
            admin.createTopics(List.of(t)).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public String backend() {
        return name;
    }

    @Override
    public String note() {
        return note.get();
    }

    @Override
    public void beginRound() throws IOException {
        sentThisRound = 0;
    }

    @Override
    public void writeOnce() throws IOException {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, PARTITION, null, value);
        if (!options.batched()) {
            await(() -> producer.send(record).get());
            return;
        }
        producer.send(record, onAck);
        sentThisRound++;
        if (sentThisRound == options.warmupOps() || sentThisRound == options.warmupOps() + options.measuredOps()) {
            producer.flush();
            Exception failure = asyncFailure.get();
            if (failure != null) {
                throw new IOException(name + ": a batched send failed: " + failure, failure);
            }
        }
    }

    private interface Blocking {
        void run() throws InterruptedException, ExecutionException;
    }

    private void await(Blocking call) throws IOException {
        try {
            call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(name + ": interrupted while waiting for an acknowledgement");
        } catch (ExecutionException e) {
            throw new IOException(name + ": produce failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() throws IOException {
        producer.close();
        try (Admin admin = Admin.create(common())) {
            // Free the broker's disk (an external broker keeps running); best effort.
            admin.deleteTopics(List.of(topic)).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the topic stays; nothing else depends on it
        } finally {
            closeOwned();
        }
    }

    private void closeOwned() throws IOException {
        if (owned == null) {
            return;
        }
        try {
            owned.close();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(name + ": stopping the broker failed: " + e, e);
        }
    }
}
