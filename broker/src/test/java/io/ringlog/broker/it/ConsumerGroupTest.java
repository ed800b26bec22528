package io.ringlog.broker.it;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.ringlog.broker.it.GroupTestSupport.balanced;
import static io.ringlog.broker.it.GroupTestSupport.createTopic;
import static io.ringlog.broker.it.GroupTestSupport.emptyLists;
import static io.ringlog.broker.it.GroupTestSupport.groupConsumer;
import static io.ringlog.broker.it.GroupTestSupport.pollUntil;
import static io.ringlog.broker.it.GroupTestSupport.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real kafka-clients 4.1 consumers with default settings (group.protocol=classic) in groups: partitions
 * are split, rebalanced when a member leaves, and new groups start where auto.offset.reset says.
 */
class ConsumerGroupTest {
    private static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(GroupTestSupport.BROKER_SETTINGS);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void twoConsumersInOneGroupSplitTheTopicDisjointlyAndTogetherSeeEveryRecord() throws Exception {
        createTopic(broker, "split", 4);
        try (KafkaConsumer<byte[], byte[]> a = broker.consumer(groupConsumer("split-g", "earliest"));
             KafkaConsumer<byte[], byte[]> b = broker.consumer(groupConsumer("split-g", "earliest"))) {
            List<KafkaConsumer<byte[], byte[]>> both = List.of(a, b);
            a.subscribe(List.of("split"));
            b.subscribe(List.of("split"));
            var seen = pollUntil(both, "a balanced assignment", () -> balanced(both, 4), emptyLists(2));
            assertEquals(0, seen.get(0).size() + seen.get(1).size(), "nothing produced yet");
            produce(broker, "split", 4, "v", 200);
            pollUntil(both, "200 records", () -> seen.get(0).size() + seen.get(1).size() >= 200, seen);

            Set<String> values = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                Set<TopicPartition> assigned = both.get(i).assignment();
                for (ConsumerRecord<byte[], byte[]> r : seen.get(i)) {
                    assertTrue(assigned.contains(new TopicPartition(r.topic(), r.partition())),
                        "consumer " + i + " got a record of a partition it does not own: " + r.partition());
                    assertTrue(values.add(new String(r.value())), "seen twice: " + new String(r.value()));
                }
            }
            assertEquals(200, values.size());
        }
    }

    @Test
    void aConsumerLeavingTriggersARebalanceThatMovesItsPartitions() throws Exception {
        createTopic(broker, "leave", 4);
        try (KafkaConsumer<byte[], byte[]> stays = broker.consumer(groupConsumer("leave-g", "earliest"))) {
            Set<TopicPartition> moved;
            try (KafkaConsumer<byte[], byte[]> leaves = broker.consumer(groupConsumer("leave-g", "earliest"))) {
                stays.subscribe(List.of("leave"));
                leaves.subscribe(List.of("leave"));
                List<KafkaConsumer<byte[], byte[]>> both = List.of(stays, leaves);
                pollUntil(both, "a balanced assignment", () -> balanced(both, 4), emptyLists(2));
                moved = Set.copyOf(leaves.assignment());
            } // close() sends LeaveGroup
            var seen = pollUntil(List.of(stays), "the leaver's partitions", () -> stays.assignment().size() == 4, emptyLists(1));
            assertTrue(stays.assignment().containsAll(moved));
            produce(broker, "leave", 4, "after", 8);
            pollUntil(List.of(stays), "8 records", () -> seen.get(0).size() >= 8, seen);
            Set<Integer> partitions = new HashSet<>();
            seen.get(0).forEach(r -> partitions.add(r.partition()));
            assertEquals(Set.of(0, 1, 2, 3), partitions);
        }
    }

    @Test
    void aNewGroupStartsAtTheBeginningWithEarliestAndAtTheEndWithLatest() throws Exception {
        createTopic(broker, "reset", 1);
        produce(broker, "reset", 1, "old", 5);
        TopicPartition tp = new TopicPartition("reset", 0);
        try (KafkaConsumer<byte[], byte[]> earliest = broker.consumer(groupConsumer("reset-earliest", "earliest"));
             KafkaConsumer<byte[], byte[]> latest = broker.consumer(groupConsumer("reset-latest", "latest"))) {
            earliest.subscribe(List.of("reset"));
            latest.subscribe(List.of("reset"));
            var early = emptyLists(1);
            pollUntil(List.of(earliest), "5 old records", () -> early.get(0).size() >= 5, early);
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), early.get(0).stream().map(ConsumerRecord::offset).toList());

            var late = emptyLists(1);
            pollUntil(List.of(latest), "an assignment", () -> !latest.assignment().isEmpty(), late);
            assertEquals(5, latest.position(tp), "latest starts at the log end");
            produce(broker, "reset", 1, "new", 3);
            pollUntil(List.of(latest), "3 new records", () -> late.get(0).size() >= 3, late);
            assertEquals(List.of(5L, 6L, 7L), late.get(0).stream().map(ConsumerRecord::offset).toList());
        }
    }

    @Test
    void aStaticMemberRestartedUnderItsInstanceIdGetsThePartitionsBack() throws Exception {
        createTopic(broker, "static", 2);
        produce(broker, "static", 2, "s", 6);
        Map<String, Object> settings = new HashMap<>(groupConsumer("static-g", "earliest"));
        settings.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "instance-1");
        String firstMemberId;
        try (KafkaConsumer<byte[], byte[]> first = broker.consumer(settings)) {
            first.subscribe(List.of("static"));
            var seen = emptyLists(1);
            pollUntil(List.of(first), "6 records", () -> seen.get(0).size() >= 6, seen);
            first.commitSync();
            firstMemberId = first.groupMetadata().memberId();
        } // a static member does not leave the group on close
        produce(broker, "static", 2, "t", 4);
        try (KafkaConsumer<byte[], byte[]> second = broker.consumer(settings)) {
            second.subscribe(List.of("static"));
            var seen = emptyLists(1);
            pollUntil(List.of(second), "the 4 new records", () -> seen.get(0).size() >= 4, seen);
            assertEquals(4, seen.get(0).size(), "resumed after the first instance's commit");
            assertEquals(Set.of(new TopicPartition("static", 0), new TopicPartition("static", 1)), second.assignment());
            assertTrue(!second.groupMetadata().memberId().equals(firstMemberId), "a new member id took the instance over");
        }
    }

    @Test
    void aConsumerUsingAssignCommitsToItsGroupWithoutJoiningIt() throws Exception {
        createTopic(broker, "manual", 1);
        TopicPartition tp = new TopicPartition("manual", 0);
        try (KafkaConsumer<byte[], byte[]> c = broker.consumer(groupConsumer("manual-g", "earliest"))) {
            c.assign(List.of(tp));
            c.commitSync(Map.of(tp, new OffsetAndMetadata(7, "by hand")));
            assertEquals(7, c.committed(Set.of(tp)).get(tp).offset());
            assertEquals("by hand", c.committed(Set.of(tp)).get(tp).metadata());
        }
    }
}
