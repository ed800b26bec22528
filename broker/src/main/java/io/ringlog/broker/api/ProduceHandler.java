package io.ringlog.broker.api;

import io.ringlog.broker.topic.AppendResult;
import io.ringlog.broker.topic.Partition;
import io.ringlog.broker.topic.Topic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Produce: queues each partition's batch on the partition's serial executor, which validates
 * ({@link io.ringlog.broker.topic.BatchValidator}) and appends it, and answers when every
 * partition's batch is durable or refused. acks=1 and
 * acks=-1 are the same here: with one replica, "leader has it" and "all in-sync replicas have it"
 * both mean "on this broker's disk".
 *
 * <p>Thread-safety: thread-safe. {@link #handle} only looks partitions up and enqueues (in request
 * order, on the network thread), so appends from one connection reach each partition in order.
 */
final class ProduceHandler implements ApiHandler {
    private final BrokerContext context;

    ProduceHandler(BrokerContext context) {
        this.context = context;
    }

    /** From Produce v13 on, topics are named by id only (KIP-516). */
    private static final short TOPIC_ID_VERSION = 13;

    /** One partition's pending outcome; {@code topic} is the name as requested (null for v13+). */
    private record Pending(String topic, Uuid topicId, int partition, CompletableFuture<AppendResult> result) {
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        ProduceRequest req = (ProduceRequest) request;
        short acks = req.acks();
        List<Pending> pending = new ArrayList<>();
        boolean byId = header.apiVersion() >= TOPIC_ID_VERSION;
        for (TopicProduceData topic : req.data().topicData()) {
            String name = byId ? context.topics().topic(topic.topicId()).map(Topic::name).orElse(null) : topic.name();
            for (PartitionProduceData p : topic.partitionData()) {
                CompletableFuture<AppendResult> result;
                if (acks != 0 && acks != 1 && acks != -1) {
                    result = failed(Errors.INVALID_REQUIRED_ACKS, "acks must be -1, 0 or 1, got " + acks);
                } else if (name == null) {
                    result = failed(Errors.UNKNOWN_TOPIC_ID, "unknown topic id " + topic.topicId());
                } else {
                    result = append(new TopicPartition(name, p.index()), p, req.data().transactionalId());
                }
                pending.add(new Pending(topic.name(), topic.topicId(), p.index(), result));
            }
        }
        CompletableFuture<?>[] all = pending.stream().map(Pending::result).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all).thenApply(ignored -> response(pending));
    }

    private CompletableFuture<AppendResult> append(TopicPartition tp, PartitionProduceData data, String transactionalId) {
        Partition partition = context.topics().partition(tp);
        if (partition == null) {
            return failed(Errors.UNKNOWN_TOPIC_OR_PARTITION, "unknown topic or partition " + tp);
        }
        if (transactionalId != null) {
            return failed(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, "transactions are not supported");
        }
        return partition.append(data.records());
    }

    private static CompletableFuture<AppendResult> failed(Errors error, String message) {
        return CompletableFuture.completedFuture(AppendResult.failure(error, message));
    }

    private static ProduceResponse response(List<Pending> pending) {
        ProduceResponseData data = new ProduceResponseData().setThrottleTimeMs(0);
        for (Pending p : pending) {
            AppendResult r = p.result().join();
            TopicProduceResponse topic = data.responses().find(p.topic(), p.topicId());
            if (topic == null) {
                topic = new TopicProduceResponse().setName(p.topic()).setTopicId(p.topicId());
                data.responses().add(topic);
            }
            topic.partitionResponses().add(new PartitionProduceResponse()
                .setIndex(p.partition())
                .setErrorCode(r.error().code())
                .setErrorMessage(r.message())
                .setBaseOffset(r.baseOffset())
                .setLogAppendTimeMs(RecordBatch.NO_TIMESTAMP)
                .setLogStartOffset(r.logStartOffset()));
        }
        return new ProduceResponse(data);
    }
}
