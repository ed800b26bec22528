package io.ringlog.broker.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads records back with a manually assigned consumer (no group.id). */
final class ProduceConsumeRoundTripTestSupport {
    private ProduceConsumeRoundTripTestSupport() {
    }

    static List<ConsumerRecord<byte[], byte[]>> consume(RunningBroker broker, TopicPartition tp, int expected) {
        return consume(broker, List.of(tp), expected);
    }

    static List<ConsumerRecord<byte[], byte[]>> consume(RunningBroker broker, List<TopicPartition> tps, int expected) {
        return consume(broker, tps, expected, Duration.ofSeconds(20), Duration.ZERO);
    }

    /**
     * Reads from the beginning until {@code expected} records arrived or {@code wait} passed, then polls
     * once more for {@code extra}: anything beyond the expected count would be a duplicate.
     */
    static List<ConsumerRecord<byte[], byte[]>> consume(RunningBroker broker, List<TopicPartition> tps, int expected,
                                                       Duration wait, Duration extra) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + wait.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            if (extra.isPositive()) {
                consumer.poll(extra).forEach(out::add);
            }
        }
        return out;
    }
}
