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
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
