package io.ringlog.broker.api;

import io.ringlog.broker.storage.OffsetOutOfRangeException;
import io.ringlog.broker.topic.Partition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DeleteRecordsRequest;
import org.apache.kafka.common.requests.DeleteRecordsResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * DeleteRecords: moves each partition's log start offset up to the given offset (-1 = the high
 * watermark, i.e. the log end), ordered with the partition's appends.
 *
 * <p>Thread-safety: thread-safe.
 */
final class DeleteRecordsHandler implements ApiHandler {
    private final BrokerContext context;

    DeleteRecordsHandler(BrokerContext context) {
        this.context = context;
    }

    private record Pending(DeleteRecordsTopicResult topic, DeleteRecordsPartitionResult result,
                           CompletableFuture<Long> lowWatermark) {
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        DeleteRecordsRequest req = (DeleteRecordsRequest) request;
        DeleteRecordsResponseData data = new DeleteRecordsResponseData().setThrottleTimeMs(0);
        List<Pending> pending = new ArrayList<>();
        for (DeleteRecordsTopic t : req.data().topics()) {
            DeleteRecordsTopicResult topic = new DeleteRecordsTopicResult().setName(t.name());
            data.topics().add(topic);
            for (DeleteRecordsPartition p : t.partitions()) {
                DeleteRecordsPartitionResult result = new DeleteRecordsPartitionResult()
                    .setPartitionIndex(p.partitionIndex()).setLowWatermark(-1);
                topic.partitions().add(result);
                Partition partition = context.topics().partition(new TopicPartition(t.name(), p.partitionIndex()));
                if (partition == null) {
                    result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
                    continue;
                }
                long offset = p.offset() == DeleteRecordsRequest.HIGH_WATERMARK ? partition.log().logEndOffset() : p.offset();
                pending.add(new Pending(topic, result, offset < 0
                    ? CompletableFuture.failedFuture(new OffsetOutOfRangeException(offset, 0, 0))
                    : partition.deleteRecordsBefore(offset)));
            }
        }
        CompletableFuture<?>[] all = pending.stream().map(Pending::lowWatermark).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all).handle((ignored, error) -> {
            pending.forEach(DeleteRecordsHandler::fill);
            return new DeleteRecordsResponse(data);
        });
    }

    private static void fill(Pending p) {
        try {
            p.result().setLowWatermark(p.lowWatermark().join()).setErrorCode(Errors.NONE.code());
        } catch (CompletionException e) {
            Errors error = e.getCause() instanceof OffsetOutOfRangeException ? Errors.OFFSET_OUT_OF_RANGE : Errors.KAFKA_STORAGE_ERROR;
            p.result().setErrorCode(error.code());
        }
    }
}
