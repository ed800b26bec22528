package io.ringlog.broker.api;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponsePartition;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponseTopic;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetDeleteRequest;
import org.apache.kafka.common.requests.OffsetDeleteResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetDelete v0: unknown topics or partitions get UNKNOWN_TOPIC_OR_PARTITION; topics an active
 * consumer group subscribes to get GROUP_SUBSCRIBED_TO_TOPIC; the rest are deleted durably.
 *
 * <p>Thread-safety: thread-safe (stateless).
 */
final class OffsetDeleteHandler implements ApiHandler {
    private final BrokerContext context;

    OffsetDeleteHandler(BrokerContext context) {
        this.context = context;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        OffsetDeleteRequestData d = ((OffsetDeleteRequest) request).data();
        List<TopicPartition> known = new ArrayList<>();
        for (OffsetDeleteRequestTopic t : d.topics()) {
            for (OffsetDeleteRequestPartition p : t.partitions()) {
                TopicPartition tp = new TopicPartition(t.name(), p.partitionIndex());
                if (context.topics().partition(tp) != null) {
                    known.add(tp);
                }
            }
        }
        return context.groups().deleteOffsets(d.groupId(), known).thenApply(result -> {
            OffsetDeleteResponseData data = new OffsetDeleteResponseData().setThrottleTimeMs(0)
                .setErrorCode(result.error().code());
            if (result.error() == Errors.NONE) {
                for (OffsetDeleteRequestTopic t : d.topics()) {
                    OffsetDeleteResponseTopic topic = new OffsetDeleteResponseTopic().setName(t.name());
                    for (OffsetDeleteRequestPartition p : t.partitions()) {
                        Errors e = result.partitions().getOrDefault(new TopicPartition(t.name(), p.partitionIndex()),
                            Errors.UNKNOWN_TOPIC_OR_PARTITION);
                        topic.partitions().add(new OffsetDeleteResponsePartition().setPartitionIndex(p.partitionIndex())
                            .setErrorCode(e.code()));
                    }
                    data.topics().add(topic);
                }
            }
            return new OffsetDeleteResponse(data);
        });
    }
}
