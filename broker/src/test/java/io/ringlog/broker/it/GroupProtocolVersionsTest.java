package io.ringlog.broker.it;

import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopic;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeGroupsResponse;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.requests.ListGroupsResponse;
import org.apache.kafka.common.requests.OffsetCommitResponse;
import org.apache.kafka.common.requests.OffsetFetchResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The old and new shapes of the group APIs: single and batched FindCoordinator, OffsetFetch v1/v7/v8, filters. */
class GroupProtocolVersionsTest {
    private static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(GroupTestSupport.BROKER_SETTINGS);
        GroupTestSupport.createTopic(broker, "versions", 2);
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            for (String group : List.of("fetch-a", "fetch-b")) {
                OffsetCommitRequestData data = new OffsetCommitRequestData().setGroupId(group).setGenerationIdOrMemberEpoch(-1)
                    .setMemberId("").setTopics(List.of(new OffsetCommitRequestTopic().setName("versions").setPartitions(List.of(
                        new OffsetCommitRequestPartition().setPartitionIndex(1).setCommittedOffset(group.length())
                            .setCommittedMetadata("meta-" + group)))));
                OffsetCommitResponse r = (OffsetCommitResponse) c.roundTrip(c.header(ApiKeys.OFFSET_COMMIT, (short) 2), data);
                assertEquals(Errors.NONE.code(), r.data().topics().getFirst().partitions().getFirst().errorCode());
            }
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void findCoordinatorNamesThisNodeForOneKeyAndForABatch() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            FindCoordinatorResponse one = (FindCoordinatorResponse) c.roundTrip(c.header(ApiKeys.FIND_COORDINATOR, (short) 3),
                new FindCoordinatorRequestData().setKey("g").setKeyType((byte) 0));
            assertEquals(Errors.NONE, one.error());
            assertEquals(broker.address.getPort(), one.data().port());
            FindCoordinatorResponse batch = (FindCoordinatorResponse) c.roundTrip(c.header(ApiKeys.FIND_COORDINATOR, (short) 6),
                new FindCoordinatorRequestData().setKeyType((byte) 0).setCoordinatorKeys(List.of("g1", "g2")));
            assertEquals(List.of("g1", "g2"), batch.coordinators().stream().map(x -> x.key()).toList());
            assertEquals(List.of(0, 0), batch.coordinators().stream().map(x -> x.nodeId()).toList());
        }
    }

    @Test
    void offsetFetchAnswersTheSingleGroupAndTheBatchedForms() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            OffsetFetchResponse v1 = (OffsetFetchResponse) c.roundTrip(c.header(ApiKeys.OFFSET_FETCH, (short) 1),
                new OffsetFetchRequestData().setGroupId("fetch-a").setTopics(List.of(new OffsetFetchRequestTopic()
                    .setName("versions").setPartitionIndexes(List.of(0, 1)))));
            List<OffsetFetchResponseData.OffsetFetchResponsePartition> parts = v1.data().topics().getFirst().partitions();
            assertEquals(List.of(-1L, 7L), parts.stream().map(p -> p.committedOffset()).toList());
            assertEquals("meta-fetch-a", parts.get(1).metadata());

            OffsetFetchResponse v7 = (OffsetFetchResponse) c.roundTrip(c.header(ApiKeys.OFFSET_FETCH, (short) 7),
                new OffsetFetchRequestData().setGroupId("fetch-b").setTopics(null).setRequireStable(true));
            assertEquals(Errors.NONE.code(), v7.data().errorCode());
            assertEquals(7L, v7.data().topics().getFirst().partitions().getFirst().committedOffset());

            OffsetFetchResponse v8 = (OffsetFetchResponse) c.roundTrip(c.header(ApiKeys.OFFSET_FETCH, (short) 8),
                new OffsetFetchRequestData().setGroups(List.of(
                    new OffsetFetchRequestGroup().setGroupId("fetch-a").setTopics(null),
                    new OffsetFetchRequestGroup().setGroupId("fetch-none").setTopics(List.of(new OffsetFetchRequestTopics()
                        .setName("versions").setPartitionIndexes(List.of(1)))))));
            assertEquals(7L, v8.group("fetch-a").topics().getFirst().partitions().getFirst().committedOffset());
            assertEquals(-1L, v8.group("fetch-none").topics().getFirst().partitions().getFirst().committedOffset());
        }
    }

    @Test
    void listGroupsFiltersByStateAndTypeAndDescribeReportsUnknownGroupsByVersion() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            ListGroupsResponse empty = (ListGroupsResponse) c.roundTrip(c.header(ApiKeys.LIST_GROUPS, (short) 4),
                new ListGroupsRequestData().setStatesFilter(List.of("empty")));
            assertEquals(List.of("fetch-a", "fetch-b"), empty.data().groups().stream().map(g -> g.groupId()).sorted().toList());
            ListGroupsResponse stable = (ListGroupsResponse) c.roundTrip(c.header(ApiKeys.LIST_GROUPS, (short) 4),
                new ListGroupsRequestData().setStatesFilter(List.of("Stable")));
            assertEquals(0, stable.data().groups().size());
            ListGroupsResponse consumerType = (ListGroupsResponse) c.roundTrip(c.header(ApiKeys.LIST_GROUPS, (short) 5),
                new ListGroupsRequestData().setTypesFilter(List.of("consumer")));
            assertEquals(0, consumerType.data().groups().size(), "no KIP-848 groups here");

            DescribeGroupsResponse v5 = (DescribeGroupsResponse) c.roundTrip(c.header(ApiKeys.DESCRIBE_GROUPS, (short) 5),
                new DescribeGroupsRequestData().setGroups(List.of("nope")));
            assertEquals("Dead", v5.data().groups().getFirst().groupState());
            DescribeGroupsResponse v6 = (DescribeGroupsResponse) c.roundTrip(c.header(ApiKeys.DESCRIBE_GROUPS, (short) 6),
                new DescribeGroupsRequestData().setGroups(List.of("nope", "fetch-a")));
            assertEquals(Errors.GROUP_ID_NOT_FOUND.code(), v6.data().groups().get(0).errorCode());
            assertEquals("Empty", v6.data().groups().get(1).groupState());
        }
    }
}
