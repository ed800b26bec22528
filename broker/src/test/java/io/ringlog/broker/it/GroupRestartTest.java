package io.ringlog.broker.it;

import io.ringlog.broker.BrokerConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ringlog.broker.it.GroupTestSupport.createTopic;
import static io.ringlog.broker.it.GroupTestSupport.emptyLists;
import static io.ringlog.broker.it.GroupTestSupport.groupConsumer;
import static io.ringlog.broker.it.GroupTestSupport.pollUntil;
import static io.ringlog.broker.it.GroupTestSupport.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group state across a broker restart on the durable store: the second broker reopens the group log
 * ({@code __ringlog_groups}) from the data directory, so these tests
 * exercise the durable group store and the coordinator's load path.
 */
class GroupRestartTest {

    @Test
    void commitsSurviveARestartAndAConsumerResumesRightAfterItsCommittedOffsets() throws Exception {
        RunningBroker broker = RunningBroker.durable(GroupTestSupport.BROKER_SETTINGS);
        TopicPartition p0 = new TopicPartition("resume", 0);
        TopicPartition p1 = new TopicPartition("resume", 1);
        try {
            createTopic(broker, "resume", 2);
            produce(broker, "resume", 2, "v", 100); // 50 per partition
            try (KafkaConsumer<byte[], byte[]> c = broker.consumer(groupConsumer("resume-g", "earliest"))) {
                c.subscribe(List.of("resume"));
                var seen = emptyLists(1);
                pollUntil(List.of(c), "100 records", () -> seen.get(0).size() >= 100, seen);
                c.commitSync(Map.of(p0, new OffsetAndMetadata(20, "at twenty"), p1, new OffsetAndMetadata(35)));
            }
            broker = broker.restart();
            try (Admin admin = broker.admin()) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets("resume-g").partitionsToOffsetAndMetadata().get();
                assertEquals(20, committed.get(p0).offset());
                assertEquals("at twenty", committed.get(p0).metadata());
                assertEquals(35, committed.get(p1).offset());
            }
            try (KafkaConsumer<byte[], byte[]> c = broker.consumer(groupConsumer("resume-g", "earliest"))) {
                c.subscribe(List.of("resume"));
                var seen = emptyLists(1);
                pollUntil(List.of(c), "the 45 uncommitted records", () -> seen.get(0).size() >= 45, seen);
                assertEquals(45, seen.get(0).size());
                assertEquals(List.of(20L, 35L), List.of(first(seen.get(0), 0), first(seen.get(0), 1)));
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void aConsumerThatOutlivesABrokerRestartKeepsItsMembershipAndCommits() throws Exception {
        RunningBroker broker = RunningBroker.durable(GroupTestSupport.BROKER_SETTINGS);
        TopicPartition p0 = new TopicPartition("outlive", 0);
        try {
            createTopic(broker, "outlive", 1);
            produce(broker, "outlive", 1, "before", 10);
            try (KafkaConsumer<byte[], byte[]> c = broker.consumer(groupConsumer("outlive-g", "earliest"))) {
                c.subscribe(List.of("outlive"));
                var seen = emptyLists(1);
                pollUntil(List.of(c), "10 records", () -> seen.get(0).size() >= 10, seen);
                c.commitSync();
                String memberId = c.groupMetadata().memberId();
                int generation = c.groupMetadata().generationId();

                Map<String, String> samePort = new HashMap<>(GroupTestSupport.BROKER_SETTINGS);
                samePort.put(BrokerConfig.LISTENERS, "PLAINTEXT://127.0.0.1:" + broker.address.getPort());
                broker = broker.restart(samePort);
                produce(broker, "outlive", 1, "after", 5);
                pollUntil(List.of(c), "5 more records", () -> seen.get(0).size() >= 15, seen);
                c.commitSync(); // would throw CommitFailedException had the group forgotten the member
                assertEquals(memberId, c.groupMetadata().memberId());
                // Usually the generation is unchanged (no rebalance). The client may still re-join after
                // losing its coordinator (seen once in ~10 CI runs); it then keeps its member id and the
                // group moves on by exactly that rebalance, never back to an earlier generation.
                int after = c.groupMetadata().generationId();
                assertTrue(after == generation || after == generation + 1,
                    "generation " + generation + " before the restart, " + after + " after");
                try (Admin admin = broker.admin()) {
                    ConsumerGroupDescription d = admin.describeConsumerGroups(List.of("outlive-g")).all().get().get("outlive-g");
                    assertEquals(GroupState.STABLE, d.groupState());
                    assertEquals(List.of(memberId), d.members().stream().map(m -> m.consumerId()).toList());
                    assertEquals(15, admin.listConsumerGroupOffsets("outlive-g").partitionsToOffsetAndMetadata().get()
                        .get(p0).offset());
                }
            }
        } finally {
            broker.close();
        }
    }

    private static long first(List<ConsumerRecord<byte[], byte[]>> records, int partition) {
        return records.stream().filter(r -> r.partition() == partition).mapToLong(ConsumerRecord::offset).min().orElse(-1);
    }
}
