package io.ringlog.broker.api;

import io.ringlog.broker.storage.PartitionLog;
import io.ringlog.broker.storage.PartitionLogException;
import io.ringlog.broker.storage.TimestampOffset;
import io.ringlog.broker.topic.Partition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * ListOffsets: earliest (-2) is the log start, latest (-1) the log end (equal to the high watermark
 * and last stable offset here), a timestamp the first record at or after it, or offset -1 when none
 * is. Lookups by time may read the log: runs on the I/O pool.
 *
 * <p>Thread-safety: thread-safe.
 */
final class ListOffsetsHandler implements ApiHandler {
    private final BrokerContext context;

    ListOffsetsHandler(BrokerContext context) {
        this.context = context;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        ListOffsetsRequest req = (ListOffsetsRequest) request;
        ListOffsetsResponseData data = new ListOffsetsResponseData().setThrottleTimeMs(0);
        for (ListOffsetsTopic topic : req.data().topics()) {
            ListOffsetsTopicResponse out = new ListOffsetsTopicResponse().setName(topic.name());
            for (ListOffsetsPartition p : topic.partitions()) {
                out.partitions().add(lookup(new TopicPartition(topic.name(), p.partitionIndex()), p.timestamp()));
            }
            data.topics().add(out);
        }
        return CompletableFuture.completedFuture(new ListOffsetsResponse(data));
    }

    private ListOffsetsPartitionResponse lookup(TopicPartition tp, long timestamp) {
        ListOffsetsPartitionResponse r = new ListOffsetsPartitionResponse().setPartitionIndex(tp.partition())
            .setTimestamp(-1).setOffset(-1);
        Partition partition = context.topics().partition(tp);
        if (partition == null) {
            return r.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        PartitionLog log = partition.log();
        if (timestamp == ListOffsetsRequest.EARLIEST_TIMESTAMP) {
            return r.setErrorCode(Errors.NONE.code()).setOffset(log.logStartOffset());
        }
        if (timestamp == ListOffsetsRequest.LATEST_TIMESTAMP) {
            return r.setErrorCode(Errors.NONE.code()).setOffset(log.logEndOffset());
        }
        if (timestamp < 0) {
            return r.setErrorCode(Errors.UNSUPPORTED_VERSION.code());
        }
        try {
            Optional<TimestampOffset> found = log.offsetForTimestamp(timestamp);
            found.ifPresent(f -> r.setTimestamp(f.timestamp()).setOffset(f.offset()));
            return r.setErrorCode(Errors.NONE.code());
        } catch (PartitionLogException e) {
            return r.setErrorCode(Errors.KAFKA_STORAGE_ERROR.code());
        }
    }
}
