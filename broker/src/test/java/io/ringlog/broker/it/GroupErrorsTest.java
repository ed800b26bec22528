package io.ringlog.broker.it;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DeleteGroupsResponse;
import org.apache.kafka.common.requests.HeartbeatResponse;
import org.apache.kafka.common.requests.JoinGroupResponse;
import org.apache.kafka.common.requests.OffsetCommitResponse;
import org.apache.kafka.common.requests.OffsetDeleteResponse;
import org.apache.kafka.common.requests.SyncGroupResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Wrong member ids, generations, protocols, topics and group states get Kafka's error codes. */
class GroupErrorsTest {
    private static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(GroupTestSupport.BROKER_SETTINGS);
        GroupTestSupport.createTopic(broker, "known", 2);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static JoinGroupResponseData join(RawKafkaConnection c, String group, String memberId, String protocolType,
                                              int sessionTimeoutMs) throws Exception {
        byte[] subscription = ConsumerProtocol.serializeSubscription(new Subscription(List.of("known"))).array();
        JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection();
        protocols.add(new JoinGroupRequestProtocol().setName("range").setMetadata(subscription));
        JoinGroupRequestData data = new JoinGroupRequestData().setGroupId(group).setMemberId(memberId)
            .setProtocolType(protocolType).setSessionTimeoutMs(sessionTimeoutMs).setRebalanceTimeoutMs(10_000)
            .setProtocols(protocols);
        return ((JoinGroupResponse) c.roundTrip(c.header(ApiKeys.JOIN_GROUP, (short) 9), data)).data();
    }

    /** Joins a one-member group through the MEMBER_ID_REQUIRED round trip and syncs; returns the join response. */
    private static JoinGroupResponseData joinAndSync(RawKafkaConnection c, String group) throws Exception {
        JoinGroupResponseData first = join(c, group, "", "consumer", 10_000);
        assertEquals(Errors.MEMBER_ID_REQUIRED.code(), first.errorCode());
        JoinGroupResponseData joined = join(c, group, first.memberId(), "consumer", 10_000);
        assertEquals(Errors.NONE.code(), joined.errorCode());
        assertEquals(joined.memberId(), joined.leader());
        assertEquals(1, joined.generationId());
        assertEquals(Errors.NONE, sync(c, group, joined.generationId(), joined.memberId()));
        return joined;
    }

    private static Errors sync(RawKafkaConnection c, String group, int generation, String memberId) throws Exception {
        SyncGroupRequestData data = new SyncGroupRequestData().setGroupId(group).setGenerationId(generation)
            .setMemberId(memberId).setProtocolType("consumer").setProtocolName("range");
        data.assignments().add(new SyncGroupRequestData.SyncGroupRequestAssignment().setMemberId(memberId)
            .setAssignment(new byte[0]));
        return ((SyncGroupResponse) c.roundTrip(c.header(ApiKeys.SYNC_GROUP, (short) 5), data)).error();
    }

    private static Errors heartbeat(RawKafkaConnection c, String group, int generation, String memberId) throws Exception {
        HeartbeatRequestData data = new HeartbeatRequestData().setGroupId(group).setGenerationId(generation).setMemberId(memberId);
        return ((HeartbeatResponse) c.roundTrip(c.header(ApiKeys.HEARTBEAT, (short) 4), data)).error();
    }

    private static Errors commit(RawKafkaConnection c, String group, int generation, String memberId, String topic)
        throws Exception {
        OffsetCommitRequestData data = new OffsetCommitRequestData().setGroupId(group).setGenerationIdOrMemberEpoch(generation)
            .setMemberId(memberId).setTopics(List.of(new OffsetCommitRequestTopic().setName(topic).setPartitions(List.of(
                new OffsetCommitRequestPartition().setPartitionIndex(0).setCommittedOffset(3)))));
        OffsetCommitResponse r = (OffsetCommitResponse) c.roundTrip(c.header(ApiKeys.OFFSET_COMMIT, (short) 9), data);
        return Errors.forCode(r.data().topics().getFirst().partitions().getFirst().errorCode());
    }

    @Test
    void heartbeatsAndCommitsWithAWrongMemberOrGenerationAreRefused() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            JoinGroupResponseData m = joinAndSync(c, "errors-g");
            assertEquals(Errors.NONE, heartbeat(c, "errors-g", m.generationId(), m.memberId()));
            assertEquals(Errors.UNKNOWN_MEMBER_ID, heartbeat(c, "errors-g", m.generationId(), "nobody"));
            assertEquals(Errors.ILLEGAL_GENERATION, heartbeat(c, "errors-g", m.generationId() - 1, m.memberId()));
            assertEquals(Errors.UNKNOWN_MEMBER_ID, heartbeat(c, "no-such-group", 1, m.memberId()));
            assertEquals(Errors.ILLEGAL_GENERATION, sync(c, "errors-g", m.generationId() + 1, m.memberId()));

            assertEquals(Errors.NONE, commit(c, "errors-g", m.generationId(), m.memberId(), "known"));
            assertEquals(Errors.UNKNOWN_MEMBER_ID, commit(c, "errors-g", m.generationId(), "nobody", "known"));
            assertEquals(Errors.ILLEGAL_GENERATION, commit(c, "errors-g", m.generationId() + 1, m.memberId(), "known"));
            assertEquals(Errors.UNKNOWN_MEMBER_ID, commit(c, "errors-g", -1, "", "known"), "the group has members");
            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, commit(c, "errors-g", m.generationId(), m.memberId(), "unknown-topic"));
            assertEquals(Errors.NONE, commit(c, "simple-g", -1, "", "known"), "a client outside group management");
            assertEquals(Errors.ILLEGAL_GENERATION, commit(c, "never-existed-g", 4, "someone", "known"));
        }
    }

    @Test
    void joinsWithBadParametersAreRefused() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            assertEquals(Errors.INVALID_GROUP_ID.code(), join(c, "", "", "consumer", 10_000).errorCode());
            assertEquals(Errors.INVALID_SESSION_TIMEOUT.code(), join(c, "bad-g", "", "consumer", 50).errorCode());
            assertEquals(Errors.INVALID_SESSION_TIMEOUT.code(), join(c, "bad-g", "", "consumer", 1_800_001).errorCode());
            assertEquals(Errors.UNKNOWN_MEMBER_ID.code(), join(c, "bad-g", "made-up-id", "consumer", 10_000).errorCode());
            joinAndSync(c, "protocol-g");
            assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL.code(), join(c, "protocol-g", "", "connect", 10_000).errorCode());
        }
    }

    @Test
    void deletingAGroupWithMembersOrOffsetsItsMembersUseIsRefused() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            JoinGroupResponseData m = joinAndSync(c, "active-g");
            assertEquals(Errors.NONE, commit(c, "active-g", m.generationId(), m.memberId(), "known"));
            DeleteGroupsResponse deleted = (DeleteGroupsResponse) c.roundTrip(c.header(ApiKeys.DELETE_GROUPS, (short) 2),
                new DeleteGroupsRequestData().setGroupsNames(List.of("active-g", "no-such-group")));
            assertEquals(Errors.NON_EMPTY_GROUP, deleted.get("active-g"));
            assertEquals(Errors.GROUP_ID_NOT_FOUND, deleted.get("no-such-group"));

            OffsetDeleteRequestTopicCollection topics = new OffsetDeleteRequestTopicCollection();
            topics.add(new OffsetDeleteRequestTopic().setName("known").setPartitions(List.of(
                new OffsetDeleteRequestPartition().setPartitionIndex(0))));
            OffsetDeleteResponse r = (OffsetDeleteResponse) c.roundTrip(c.header(ApiKeys.OFFSET_DELETE, (short) 0),
                new OffsetDeleteRequestData().setGroupId("active-g").setTopics(topics));
            assertEquals(Errors.NONE.code(), r.data().errorCode());
            assertEquals(Errors.GROUP_SUBSCRIBED_TO_TOPIC.code(),
                r.data().topics().find("known").partitions().find(0).errorCode());
            OffsetDeleteResponse missing = (OffsetDeleteResponse) c.roundTrip(c.header(ApiKeys.OFFSET_DELETE, (short) 0),
                new OffsetDeleteRequestData().setGroupId("no-such-group").setTopics(new OffsetDeleteRequestTopicCollection()));
            assertEquals(Errors.GROUP_ID_NOT_FOUND.code(), missing.data().errorCode());
        }
    }

    @Test
    void aMemberThatStopsHeartbeatingIsRemovedAfterItsSessionTimeout() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            JoinGroupResponseData first = join(c, "silent-g", "", "consumer", 300);
            JoinGroupResponseData m = join(c, "silent-g", first.memberId(), "consumer", 300);
            assertEquals(Errors.NONE.code(), m.errorCode());
            long deadline = System.nanoTime() + GroupTestSupport.DEADLINE.toNanos();
            Errors error = Errors.NONE;
            while (error == Errors.NONE && System.nanoTime() < deadline) {
                Thread.sleep(700); // more than the 300 ms session timeout without a heartbeat
                error = heartbeat(c, "silent-g", m.generationId(), m.memberId());
            }
            assertEquals(Errors.UNKNOWN_MEMBER_ID, error);
        }
    }
}
