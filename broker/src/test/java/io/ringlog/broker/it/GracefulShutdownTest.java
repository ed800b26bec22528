package io.ringlog.broker.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** close() stops accepting but lets an append that is already running finish and answers it. */
class GracefulShutdownTest {

    @Test
    void shouldAnswerInFlightProduceBeforeClosing() throws Exception {
        RunningBroker broker = new RunningBroker(Map.of(), new SlowLogFactory(700));
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("slow", 1, (short) 1))).all().get();
        }
        try (RawKafkaConnection c = new RawKafkaConnection(broker.address)) {
            ProduceRequestData data = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(5000);
            data.topicData().add(new ProduceRequestData.TopicProduceData().setName("slow").setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(0)
                    .setRecords(MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("x".getBytes()))))));
            RequestHeader header = c.header(ApiKeys.PRODUCE, (short) 11);
            c.sendFrame(c.frame(header, data));
            Thread.sleep(200); // the append is now sleeping in the store
            CompletableFuture<Void> closing = CompletableFuture.runAsync(broker::close);
            ProduceResponse r = (ProduceResponse) AbstractResponse.parseResponse(c.readFrame(), header);
            assertEquals(Errors.NONE.code(), r.data().responses().iterator().next().partitionResponses().getFirst().errorCode());
            closing.get();
        }
    }
}
