package io.ringlog.broker.it;

import io.ringlog.broker.BrokerConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Not a timed test: measures the broker on the durable log-core store ({@code -Dringlog.probe.store=memory}:
 * the in-memory store, i.e. the broker's own overhead; {@code -Dringlog.store.writePath=...} forces a
 * write path) the way the issue's Kafka reference was measured (kafka-clients, acks=all, one
 * record in flight, 512 B; then batched throughput). Run with
 * {@code ./mvnw -B -q -pl broker -am verify -Dtest=BrokerLatencyProbe -Dringlog.probe=true -Dsurefire.failIfNoSpecifiedTests=false}
 * and read the figures in target/surefire-reports/*BrokerLatencyProbe-output.txt.
 */
class BrokerLatencyProbe {

    @Test
    void measure() throws Exception {
        assumeTrue(Boolean.getBoolean("ringlog.probe"), "set -Dringlog.probe=true to run");
        boolean durable = !"memory".equals(System.getProperty("ringlog.probe.store", "durable"));
        long start = System.nanoTime();
        try (RunningBroker broker = durable
            ? RunningBroker.durable(Map.of(BrokerConfig.SEGMENT_BYTES, BrokerConfig.DEFAULTS.get(BrokerConfig.SEGMENT_BYTES)))
            : new RunningBroker()) {
            System.out.printf("store %s: broker started in %d ms%n", durable ? "log-core" : "in-memory",
                (System.nanoTime() - start) / 1_000_000);
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic("probe", 1, (short) 1))).all().get();
            }
            byte[] value = new byte[512];
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, "0"))) {
                int n = 20_000;
                long[] micros = new long[n];
                for (int i = 0; i < n + 2_000; i++) {
                    long t0 = System.nanoTime();
                    producer.send(new ProducerRecord<>("probe", 0, null, value)).get();
                    if (i >= 2_000) {
                        micros[i - 2_000] = (System.nanoTime() - t0) / 1_000;
                    }
                }
                Arrays.sort(micros);
                System.out.printf("one in flight, 512 B, acks=all: p50 %d us, p99 %d us, p99.9 %d us%n",
                    micros[n / 2], micros[n * 99 / 100], micros[n * 999 / 1000]);
            }
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024))) {
                int n = 1_000_000;
                long t0 = System.nanoTime();
                Future<?> last = null;
                for (int i = 0; i < n; i++) {
                    last = producer.send(new ProducerRecord<>("probe", 0, null, value));
                }
                last.get();
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("batched, 512 B, acks=all: %.0f MB/s, %.0f records/s%n",
                    n * 512.0 / seconds / 1e6, n / seconds);
            }
        }
    }
}
