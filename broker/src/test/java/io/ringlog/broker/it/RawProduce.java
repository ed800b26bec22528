package io.ringlog.broker.it;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;
import org.apache.kafka.common.requests.ProduceResponse;

import java.util.List;

/** Produce requests built by hand (partition 0), to control producer ids, epochs and sequences exactly. */
final class RawProduce {
    private RawProduce() {
    }

    /** The error and base offset of one partition's produce result. */
    record Outcome(Errors error, long baseOffset) {
    }

    static Outcome produce(RawKafkaConnection c, String topic, MemoryRecords records) throws Exception {
        ProduceRequestData data = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(5000);
        data.topicData().add(new ProduceRequestData.TopicProduceData().setName(topic)
            .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(records))));
        ProduceResponse r = (ProduceResponse) c.roundTrip(c.header(ApiKeys.PRODUCE, (short) 11), data);
        var p = r.data().responses().iterator().next().partitionResponses().getFirst();
        return new Outcome(Errors.forCode(p.errorCode()), p.baseOffset());
    }

    static MemoryRecords batch(long pid, short epoch, int seq, int count) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = new SimpleRecord(("s" + (seq + i)).getBytes());
        }
        return MemoryRecords.withIdempotentRecords(Compression.NONE, pid, epoch, seq, records);
    }

    static long initProducerId(RawKafkaConnection c) throws Exception {
        InitProducerIdResponse init = (InitProducerIdResponse) c.roundTrip(new InitProducerIdRequest.Builder(
            new InitProducerIdRequestData().setTransactionalId(null).setTransactionTimeoutMs(60000)).build((short) 4));
        if (init.error() != Errors.NONE) {
            throw new AssertionError("InitProducerId failed: " + init.error());
        }
        return init.data().producerId();
    }
}
