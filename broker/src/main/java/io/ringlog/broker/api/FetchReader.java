package io.ringlog.broker.api;

import io.ringlog.broker.storage.LogSlice;
import io.ringlog.broker.storage.OffsetOutOfRangeException;
import io.ringlog.broker.storage.PartitionLog;
import io.ringlog.broker.storage.PartitionLogException;
import io.ringlog.broker.topic.Partition;
import io.ringlog.broker.topic.TopicManager;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.requests.FetchResponse;

import java.util.List;
import java.util.Objects;

/**
 * Reads the data for one fetch: per partition up to its max bytes, in request order, within the
 * response's max bytes, except that the first non-empty partition is always returned whole (KIP-74)
 * so a consumer makes progress past a batch larger than its limits. A later partition whose data
 * does not fit is returned empty; the client asks again.
 *
 * <p>Thread-safety: stateless apart from the immutable request plan; may run on any thread.
 */
final class FetchReader {
    /**
     * One requested partition.
     *
     * @param topic   the topic name; null when a v13+ request named an unknown topic id
     * @param topicId the topic id (v13+ requests), else {@link Uuid#ZERO_UUID}
     */
    record Target(String topic, Uuid topicId, int partition, long fetchOffset, int maxBytes) {
    }

    /** The response and what the long-poll decision needs. */
    record Result(FetchResponse response, long bytes, boolean hasErrors) {
    }

    private final TopicManager topics;
    private final List<Target> targets;
    private final int responseMaxBytes;

    FetchReader(TopicManager topics, List<Target> targets, int responseMaxBytes) {
        this.topics = topics;
        this.targets = List.copyOf(targets);
        this.responseMaxBytes = responseMaxBytes;
    }

    List<Target> targets() {
        return targets;
    }

    Result read() {
        FetchResponseData data = new FetchResponseData().setThrottleTimeMs(0)
            .setErrorCode(Errors.NONE.code()).setSessionId(0);
        long total = 0;
        boolean errors = false;
        FetchableTopicResponse current = null;
        for (Target t : targets) {
            if (current == null || !Objects.equals(current.topic(), t.topic()) || !current.topicId().equals(t.topicId())) {
                current = new FetchableTopicResponse().setTopic(t.topic()).setTopicId(t.topicId());
                data.responses().add(current);
            }
            PartitionData pd = readPartition(t, total == 0 ? Integer.MAX_VALUE : responseMaxBytes - total);
            errors |= pd.errorCode() != Errors.NONE.code();
            total += pd.records().sizeInBytes();
            current.partitions().add(pd);
        }
        return new Result(FetchResponse.of(data), total, errors);
    }

    private PartitionData readPartition(Target t, long budget) {
        PartitionData pd = new PartitionData().setPartitionIndex(t.partition()).setRecords(MemoryRecords.EMPTY)
            .setHighWatermark(-1).setLastStableOffset(-1).setLogStartOffset(-1).setPreferredReadReplica(-1)
            .setAbortedTransactions(null);
        if (t.topic() == null) {
            return pd.setErrorCode(Errors.UNKNOWN_TOPIC_ID.code());
        }
        Partition partition = topics.partition(new TopicPartition(t.topic(), t.partition()));
        if (partition == null) {
            return pd.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        PartitionLog log = partition.log();
        long end = log.logEndOffset();
        pd.setHighWatermark(end).setLastStableOffset(end).setLogStartOffset(log.logStartOffset());
        try {
            LogSlice slice = log.read(t.fetchOffset(), t.maxBytes());
            if (slice.sizeInBytes() > budget) {
                return pd.setErrorCode(Errors.NONE.code());
            }
            return pd.setErrorCode(Errors.NONE.code()).setRecords(toRecords(slice));
        } catch (OffsetOutOfRangeException e) {
            return pd.setErrorCode(Errors.OFFSET_OUT_OF_RANGE.code());
        } catch (PartitionLogException e) {
            return pd.setErrorCode(Errors.KAFKA_STORAGE_ERROR.code());
        }
    }

    private static BaseRecords toRecords(LogSlice slice) {
        return switch (slice) {
            case LogSlice.Bytes b -> MemoryRecords.readableRecords(b.buffer().duplicate());
            case LogSlice.FileRegion f -> new FileRegionRecords(f);
        };
    }
}
