package io.ringlog.broker.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.utils.Crc32C;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.ResponseHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed input closes a connection or gets an error response; the broker keeps serving good clients. */
class BadInputTest {
    static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(Map.of("socket.request.max.bytes", Integer.toString(1 << 20)));
        createTopic();
    }

    static void createTopic() throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("bad-input", 1, (short) 1)
                .configs(Map.of("max.message.bytes", "100000")))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @AfterEach
    void goodClientStillServed() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            producer.send(new ProducerRecord<>("bad-input", 0, null, "ok".getBytes())).get();
        }
    }

    @Test
    void shouldCloseConnectionOnOversizedFrameWithoutAllocating() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            c.sendRaw(new byte[]{0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            assertTrue(c.isClosedByBroker());
        }
    }

    @Test
    void shouldCloseConnectionOnNegativeFrameSize() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            c.sendRaw(new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe});
            assertTrue(c.isClosedByBroker());
        }
    }

    @Test
    void shouldCloseConnectionOnGarbageBytes() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            byte[] garbage = new byte[64];
            new java.util.Random(7).nextBytes(garbage);
            c.sendFrame(ByteBuffer.wrap(garbage));
            assertTrue(c.isClosedByBroker());
        }
    }

    @Test
    void shouldCloseConnectionOnAnUnparseableBody() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            RequestHeader header = c.header(ApiKeys.METADATA, (short) 12);
            ByteBuffer valid = new MetadataRequest.Builder(List.of("x"), false, (short) 12).build((short) 12)
                .serializeWithHeader(header);
            ByteBuffer truncated = ByteBuffer.allocate(header.size() + 2);
            truncated.put(valid.duplicate().limit(header.size() + 2)).flip();
            truncated.put(header.size(), (byte) 0x7f).put(header.size() + 1, (byte) 0x7f); // huge compact array length
            c.sendFrame(truncated);
            assertTrue(c.isClosedByBroker());
        }
    }

    @Test
    void shouldCloseConnectionOnUnknownApiKey() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            ByteBuffer frame = ByteBuffer.allocate(10).putShort((short) 9999).putShort((short) 0).putInt(1).putShort((short) -1).flip();
            c.sendFrame(frame);
            assertTrue(c.isClosedByBroker());
        }
    }

    @Test
    void shouldAnswerUnsupportedApiVersionsVersionWithUnsupportedVersion() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            // ApiVersions v127: header v2 (flexible) + an empty flexible body.
            ByteBuffer frame = ByteBuffer.allocate(32).putShort(ApiKeys.API_VERSIONS.id).putShort((short) 127)
                .putInt(42).putShort((short) 4).put("test".getBytes()).put((byte) 0).put((byte) 0).flip();
            c.sendFrame(frame);
            ByteBuffer response = c.readFrame();
            assertEquals(42, ResponseHeader.parse(response, (short) 0).correlationId());
            ApiVersionsResponseData data = ApiVersionsResponse.parse(new ByteBufferAccessor(response), (short) 0).data();
            assertEquals(Errors.UNSUPPORTED_VERSION.code(), data.errorCode());
            assertEquals(4, data.apiKeys().find(ApiKeys.API_VERSIONS.id).maxVersion());
        }
    }

    @Test
    void shouldAnswerKnownButUnhandledVersionWithUnsupportedVersion() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            AbstractResponse r = c.roundTrip(new InitProducerIdRequest.Builder(new InitProducerIdRequestData()
                .setTransactionalId(null).setTransactionTimeoutMs(1000)).build((short) 6));
            assertTrue(r.errorCounts().containsKey(Errors.UNSUPPORTED_VERSION), r.errorCounts().toString());
        }
    }

    @Test
    void shouldAnswerAnUnknownTopicIdWithUnknownTopicId() throws Exception {
        FetchRequestData data = new FetchRequestData().setReplicaId(-1).setMaxWaitMs(0).setMinBytes(1)
            .setMaxBytes(1 << 20).setSessionId(0).setSessionEpoch(-1);
        data.topics().add(new FetchRequestData.FetchTopic().setTopicId(Uuid.randomUuid()).setPartitions(List.of(
            new FetchRequestData.FetchPartition().setPartition(0).setFetchOffset(0).setPartitionMaxBytes(1024))));
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            FetchResponse r = (FetchResponse) c.roundTrip(c.header(ApiKeys.FETCH, (short) 16), data);
            assertEquals(Errors.UNKNOWN_TOPIC_ID.code(), r.data().responses().getFirst().partitions().getFirst().errorCode());
        }
    }

    @Test
    void shouldAnswerTheKip848ConsumerGroupHeartbeatWithUnsupportedVersion() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            AbstractResponse r = c.roundTrip(c.header(ApiKeys.CONSUMER_GROUP_HEARTBEAT, (short) 0),
                new ConsumerGroupHeartbeatRequestData().setGroupId("g").setMemberId("m").setMemberEpoch(0)
                    .setRebalanceTimeoutMs(1000).setSubscribedTopicNames(List.of("t")).setTopicPartitions(List.of()));
            assertEquals(Map.of(Errors.UNSUPPORTED_VERSION, 1), r.errorCounts());
        }
    }

    @Test
    void shouldAnswerFindCoordinatorForATransactionWithCoordinatorNotAvailable() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            FindCoordinatorResponse r = (FindCoordinatorResponse) c.roundTrip(new FindCoordinatorRequest.Builder(
                new FindCoordinatorRequestData().setKey("tx").setKeyType((byte) 1)).build((short) 3));
            assertEquals(Errors.COORDINATOR_NOT_AVAILABLE, r.error());
        }
    }

    @Test
    void shouldCloseConnectionOnVersionUnknownToTheProtocol() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            ByteBuffer frame = ByteBuffer.allocate(10).putShort(ApiKeys.METADATA.id).putShort((short) 99).putInt(1)
                .putShort((short) -1).flip();
            c.sendFrame(frame);
            assertTrue(c.isClosedByBroker());
        }
    }

    @Test
    void shouldAdvertiseTheHandledVersions() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            ApiVersionsResponse r = (ApiVersionsResponse) c.roundTrip(new ApiVersionsRequest.Builder().build((short) 3));
            assertEquals(Errors.NONE.code(), r.data().errorCode());
            assertEquals(17, r.data().apiKeys().find(ApiKeys.FETCH.id).maxVersion());
            assertEquals(6, r.data().apiKeys().find(ApiKeys.FIND_COORDINATOR.id).maxVersion());
            assertEquals(null, r.data().apiKeys().find(ApiKeys.CONSUMER_GROUP_HEARTBEAT.id));
            assertEquals(null, r.data().apiKeys().find(ApiKeys.CONSUMER_GROUP_DESCRIBE.id));
        }
    }

    @Test
    void shouldRejectCorruptCrcWithCorruptMessage() throws Exception {
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("abc".getBytes()));
        ByteBuffer buf = records.buffer();
        buf.put(buf.limit() - 1, (byte) (buf.get(buf.limit() - 1) ^ 0x55)); // flip bits in the payload
        assertEquals(Errors.CORRUPT_MESSAGE, produceError(MemoryRecords.readableRecords(buf)));
    }

    @Test
    void shouldRejectTruncatedBatchWithCorruptMessage() throws Exception {
        ByteBuffer buf = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("abcdef".getBytes())).buffer();
        buf.limit(buf.limit() - 3);
        assertEquals(Errors.CORRUPT_MESSAGE, produceError(MemoryRecords.readableRecords(buf.slice())));
    }

    @Test
    void shouldRejectARecordCountThatDisagreesWithTheOffsetsWithInvalidRecord() throws Exception {
        ByteBuffer buf = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("a".getBytes()),
            new SimpleRecord("b".getBytes())).buffer();
        buf.putInt(57, 5); // records count field, then a valid CRC over the lie
        buf.putInt(17, (int) Crc32C.compute(buf, 21, buf.limit() - 21));
        assertEquals(Errors.INVALID_RECORD, produceError(MemoryRecords.readableRecords(buf)));
    }

    @Test
    void shouldRejectTwoBatchesForOnePartitionWithInvalidRecord() throws Exception {
        ByteBuffer one = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("a".getBytes())).buffer();
        ByteBuffer two = ByteBuffer.allocate(one.remaining() * 2).put(one.duplicate()).put(one.duplicate()).flip();
        assertEquals(Errors.INVALID_RECORD, produceError(MemoryRecords.readableRecords(two)));
    }

    @Test
    void shouldRejectABatchAboveMaxMessageBytesWithMessageTooLarge() throws Exception {
        MemoryRecords big = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(new byte[200_000]));
        assertEquals(Errors.MESSAGE_TOO_LARGE, produceError(big));
    }

    @Test
    void shouldRejectOldMagicWithInvalidRecord() throws Exception {
        MemoryRecords v1 = MemoryRecords.withRecords((byte) 1, Compression.NONE, new SimpleRecord("abc".getBytes()));
        assertEquals(Errors.INVALID_RECORD, produceError(v1));
    }

    @Test
    void shouldRejectUnknownTopicWithUnknownTopicOrPartition() throws Exception {
        MemoryRecords ok = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("abc".getBytes()));
        assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, produceError(new TopicPartition("no-such-topic", 0), ok));
    }

    private static Errors produceError(MemoryRecords records) throws Exception {
        return produceError(new TopicPartition("bad-input", 0), records);
    }

    static Errors produceError(TopicPartition tp, MemoryRecords records) throws Exception {
        ProduceRequestData data = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(5000);
        data.topicData().add(new ProduceRequestData.TopicProduceData().setName(tp.topic())
            .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData().setIndex(tp.partition()).setRecords(records))));
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            ProduceResponse r = (ProduceResponse) c.roundTrip(c.header(ApiKeys.PRODUCE, (short) 9), data);
            return Errors.forCode(r.data().responses().iterator().next().partitionResponses().getFirst().errorCode());
        }
    }

    @Test
    void shouldCloseTheConnectionWhenAnAcksZeroProduceFails() throws Exception {
        ProduceRequestData data = new ProduceRequestData().setAcks((short) 0).setTimeoutMs(5000);
        data.topicData().add(new ProduceRequestData.TopicProduceData().setName("no-such-topic").setPartitionData(List.of(
            new ProduceRequestData.PartitionProduceData().setIndex(0)
                .setRecords(MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("x".getBytes()))))));
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            c.sendFrame(c.frame(c.header(ApiKeys.PRODUCE, (short) 9), data));
            assertTrue(c.isClosedByBroker());
        }
    }

    @Test
    void shouldRejectIllegalTopicNames() {
        try (Admin admin = broker.admin()) {
            for (String name : List.of("..", ".", "a/b", "../escape", "x".repeat(250), "bad name")) {
                ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(), name);
                assertInstanceOf(InvalidTopicException.class, e.getCause(), name);
            }
        }
    }
}
