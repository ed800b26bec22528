package io.ringlog.broker.api;

import io.ringlog.broker.group.OffsetCommitEntry;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponsePartition;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponseTopic;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetCommitResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetCommit v2-9: partitions of unknown topics or out-of-range partitions get
 * UNKNOWN_TOPIC_OR_PARTITION here; the rest go to the coordinator, which answers once they are durable.
 *
 * <p>Thread-safety: thread-safe (stateless).
 */
final class OffsetCommitHandler implements ApiHandler {
    private final BrokerContext context;

    OffsetCommitHandler(BrokerContext context) {
        this.context = context;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        OffsetCommitRequestData d = ((OffsetCommitRequest) request).data();
        List<OffsetCommitEntry> entries = new ArrayList<>();
        for (OffsetCommitRequestTopic t : d.topics()) {
            for (OffsetCommitRequestPartition p : t.partitions()) {
                TopicPartition tp = new TopicPartition(t.name(), p.partitionIndex());
                if (context.topics().partition(tp) != null) {
                    entries.add(new OffsetCommitEntry(tp, p.committedOffset(), p.committedLeaderEpoch(), p.committedMetadata()));
                }
            }
        }
        return context.groups().commitOffsets(d.groupId(), d.generationIdOrMemberEpoch(), d.memberId(),
            d.groupInstanceId(), entries).thenApply(errors -> response(d, errors));
    }

    /** Every requested partition in request order: the coordinator's answer, or UNKNOWN_TOPIC_OR_PARTITION. */
    private static OffsetCommitResponse response(OffsetCommitRequestData d, Map<TopicPartition, Errors> errors) {
        OffsetCommitResponseData data = new OffsetCommitResponseData().setThrottleTimeMs(0);
        for (OffsetCommitRequestTopic t : d.topics()) {
            OffsetCommitResponseTopic topic = new OffsetCommitResponseTopic().setName(t.name());
            for (OffsetCommitRequestPartition p : t.partitions()) {
                Errors e = errors.getOrDefault(new TopicPartition(t.name(), p.partitionIndex()), Errors.UNKNOWN_TOPIC_OR_PARTITION);
                topic.partitions().add(new OffsetCommitResponsePartition().setPartitionIndex(p.partitionIndex())
                    .setErrorCode(e.code()));
            }
            data.topics().add(topic);
        }
        return new OffsetCommitResponse(data);
    }
}
