package io.ringlog.broker.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static io.ringlog.broker.it.GroupTestSupport.createTopic;
import static io.ringlog.broker.it.GroupTestSupport.emptyLists;
import static io.ringlog.broker.it.GroupTestSupport.groupConsumer;
import static io.ringlog.broker.it.GroupTestSupport.pollUntil;
import static io.ringlog.broker.it.GroupTestSupport.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AdminClient's consumer-group calls against a live group, then against the emptied group. */
class AdminGroupsTest {
    private static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(GroupTestSupport.BROKER_SETTINGS);
        createTopic(broker, "adm", 2);
        produce(broker, "adm", 2, "v", 20);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @SuppressWarnings("removal") // listConsumerGroups: deprecated in 4.1 for listGroups, still what tools call
    void listDescribeAlterAndDeleteAConsumerGroup() throws Exception {
        TopicPartition p0 = new TopicPartition("adm", 0);
        TopicPartition p1 = new TopicPartition("adm", 1);
        try (Admin admin = broker.admin()) {
            try (KafkaConsumer<byte[], byte[]> c = broker.consumer(groupConsumer("adm-g", "earliest"))) {
                c.subscribe(List.of("adm"));
                var seen = emptyLists(1);
                pollUntil(List.of(c), "20 records", () -> seen.get(0).size() >= 20, seen);
                c.commitSync();

                ConsumerGroupListing listing = admin.listConsumerGroups().all().get().stream()
                    .filter(l -> l.groupId().equals("adm-g")).findFirst().orElseThrow();
                assertEquals(GroupState.STABLE, listing.groupState().orElseThrow());
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of("adm-g")).all().get().get("adm-g");
                assertEquals(GroupState.STABLE, d.groupState());
                assertEquals(0, d.coordinator().id());
                MemberDescription member = d.members().iterator().next();
                assertEquals(c.groupMetadata().memberId(), member.consumerId());
                assertEquals(Set.of(p0, p1), member.assignment().topicPartitions());
                assertEquals(Map.of(p0, 10L, p1, 10L), offsets(admin));

                ExecutionException busy = assertThrows(ExecutionException.class, () -> admin.alterConsumerGroupOffsets(
                    "adm-g", Map.of(p0, new OffsetAndMetadata(1))).all().get());
                assertInstanceOf(UnknownMemberIdException.class, busy.getCause(), "the group has members");
            }
            admin.alterConsumerGroupOffsets("adm-g", Map.of(p0, new OffsetAndMetadata(3))).all().get();
            assertEquals(Map.of(p0, 3L, p1, 10L), offsets(admin));
            admin.deleteConsumerGroupOffsets("adm-g", Set.of(p1)).all().get();
            assertEquals(Map.of(p0, 3L), offsets(admin));
            assertEquals(GroupState.EMPTY, admin.describeConsumerGroups(List.of("adm-g")).all().get().get("adm-g").groupState());

            admin.deleteConsumerGroups(List.of("adm-g")).all().get();
            assertTrue(admin.listConsumerGroups().all().get().stream().noneMatch(l -> l.groupId().equals("adm-g")));
            ExecutionException gone = assertThrows(ExecutionException.class,
                () -> admin.describeConsumerGroups(List.of("adm-g")).all().get());
            assertInstanceOf(GroupIdNotFoundException.class, gone.getCause());
        }
    }

    @Test
    void deletingATopicDeletesTheGroupsOffsetsForIt() throws Exception {
        createTopic(broker, "doomed", 1);
        TopicPartition doomed = new TopicPartition("doomed", 0);
        TopicPartition kept = new TopicPartition("adm", 1);
        try (Admin admin = broker.admin()) {
            admin.alterConsumerGroupOffsets("doomed-g", Map.of(doomed, new OffsetAndMetadata(0), kept,
                new OffsetAndMetadata(4))).all().get();
            assertEquals(Map.of(doomed, 0L, kept, 4L), offsets(admin, "doomed-g"));
            admin.deleteTopics(List.of("doomed")).all().get();
            assertEquals(Map.of(kept, 4L), offsets(admin, "doomed-g"));
            createTopic(broker, "doomed", 1);
            assertEquals(Map.of(kept, 4L), offsets(admin, "doomed-g"), "a re-created topic starts without offsets");
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin) throws Exception {
        return offsets(admin, "adm-g");
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, String group) throws Exception {
        Map<TopicPartition, Long> out = new java.util.HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
            .forEach((tp, o) -> out.put(tp, o.offset()));
        return out;
    }
}
