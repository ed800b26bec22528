package io.ringlog.broker.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Producer id/epoch and sequence checks with raw requests; fetch long-poll and in-order responses. */
class IdempotenceAndLongPollTest {
    private static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker();
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("idem", 1, (short) 1), new NewTopic("poll", 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void shouldDetectDuplicatesAndOutOfOrderSequences() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            long pid = RawProduce.initProducerId(c);
            assertEquals(new RawProduce.Outcome(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, -1), RawProduce.produce(c, "idem", RawProduce.batch(pid, (short) 0, 3, 1)));
            assertEquals(new RawProduce.Outcome(Errors.NONE, 0), RawProduce.produce(c, "idem", RawProduce.batch(pid, (short) 0, 0, 2)));
            assertEquals(new RawProduce.Outcome(Errors.NONE, 2), RawProduce.produce(c, "idem", RawProduce.batch(pid, (short) 0, 2, 3)));
            // A retry of either recent batch is answered with its original offset and not stored again.
            assertEquals(new RawProduce.Outcome(Errors.NONE, 0), RawProduce.produce(c, "idem", RawProduce.batch(pid, (short) 0, 0, 2)));
            assertEquals(new RawProduce.Outcome(Errors.NONE, 2), RawProduce.produce(c, "idem", RawProduce.batch(pid, (short) 0, 2, 3)));
            assertEquals(new RawProduce.Outcome(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, -1), RawProduce.produce(c, "idem", RawProduce.batch(pid, (short) 0, 7, 1)));
            assertEquals(new RawProduce.Outcome(Errors.NONE, 5), RawProduce.produce(c, "idem", RawProduce.batch(pid, (short) 0, 5, 1)));
            // Epoch bump restarts sequences at 0; the old epoch is then fenced.
            assertEquals(new RawProduce.Outcome(Errors.NONE, 6), RawProduce.produce(c, "idem", RawProduce.batch(pid, (short) 1, 0, 1)));
            assertEquals(new RawProduce.Outcome(Errors.INVALID_PRODUCER_EPOCH, -1), RawProduce.produce(c, "idem", RawProduce.batch(pid, (short) 0, 6, 1)));
            assertEquals(7, broker.broker.boundAddress() == null ? -1 : endOffset("idem"));
        }
    }

    private static long endOffset(String topic) throws Exception {
        try (var consumer = broker.consumer(java.util.Map.of())) {
            var tp = new org.apache.kafka.common.TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(tp)).get(tp);
        }
    }

    private static FetchRequestData fetch(long offset, int maxWaitMs) {
        FetchRequestData data = new FetchRequestData().setReplicaId(-1).setMaxWaitMs(maxWaitMs).setMinBytes(1)
            .setMaxBytes(1 << 20).setIsolationLevel((byte) 0).setSessionId(0).setSessionEpoch(-1);
        data.topics().add(new FetchRequestData.FetchTopic().setTopic("poll").setPartitions(List.of(
            new FetchRequestData.FetchPartition().setPartition(0).setFetchOffset(offset).setPartitionMaxBytes(1 << 20)
                .setLogStartOffset(-1).setCurrentLeaderEpoch(-1))));
        return data;
    }

    @Test
    void shouldWakeLongPollOnAppendAndKeepResponsesInRequestOrder() throws Exception {
        try (RawKafkaConnection consumer = new RawKafkaConnection(broker.address);
             RawKafkaConnection producer = new RawKafkaConnection(broker.address)) {
            RequestHeader fetchHeader = consumer.header(ApiKeys.FETCH, (short) 12);
            consumer.sendFrame(consumer.frame(fetchHeader, fetch(0, 10_000)));
            // Pipelined behind the parked fetch: must be answered after it.
            RequestHeader versionsHeader = consumer.header(ApiKeys.API_VERSIONS, (short) 3);
            consumer.sendFrame(new ApiVersionsRequest.Builder().build((short) 3).serializeWithHeader(versionsHeader));
            Thread.sleep(300);
            long t0 = System.nanoTime();
            CompletableFuture<ByteBuffer> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return consumer.readFrame();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertEquals(Errors.NONE, RawProduce.produce(producer, "poll", MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord("wake".getBytes()))).error());
            ByteBuffer fetchFrame = first.get();
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(waitedMs < 3000, "long poll woke after " + waitedMs + " ms");
            FetchResponse response = (FetchResponse) AbstractResponse.parseResponse(fetchFrame, fetchHeader);
            assertEquals(fetchHeader.correlationId(), correlationOf(fetchFrame, fetchHeader));
            assertEquals(0, response.sessionId());
            var pd = response.data().responses().getFirst().partitions().getFirst();
            assertEquals(Errors.NONE.code(), pd.errorCode());
            assertTrue(pd.records().sizeInBytes() > 0);
            ByteBuffer second = consumer.readFrame();
            assertEquals(versionsHeader.correlationId(), ResponseHeader.parse(second, (short) 0).correlationId());
        }
    }

    private static int correlationOf(ByteBuffer frame, RequestHeader header) {
        ByteBuffer copy = ByteBuffer.allocate(frame.capacity());
        copy.put(frame.duplicate().rewind()).flip();
        return ResponseHeader.parse(copy, header.apiKey().responseHeaderVersion(header.apiVersion())).correlationId();
    }

    @Test
    void shouldAnswerAnEmptyFetchAfterMaxWait() throws Exception {
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            long end = endOffsetPoll(c);
            long t0 = System.nanoTime();
            FetchResponse r = (FetchResponse) c.roundTrip(c.header(ApiKeys.FETCH, (short) 12), fetch(end, 400));
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(waitedMs >= 350 && waitedMs < 3000, "waited " + waitedMs + " ms");
            assertEquals(0, r.data().responses().getFirst().partitions().getFirst().records().sizeInBytes());
        }
    }

    private static long endOffsetPoll(RawKafkaConnection c) throws Exception {
        FetchResponse r = (FetchResponse) c.roundTrip(c.header(ApiKeys.FETCH, (short) 12), fetch(0, 0));
        return r.data().responses().getFirst().partitions().getFirst().highWatermark();
    }
}
