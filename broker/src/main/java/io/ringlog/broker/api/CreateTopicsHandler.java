package io.ringlog.broker.api;

import io.ringlog.broker.topic.Topic;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * CreateTopics: replication factor must be 1 or -1 (one broker), no manual assignments; configs are
 * the topic keys of {@link io.ringlog.broker.topic.TopicConfig}. Blocking: runs on the I/O pool.
 *
 * <p>Thread-safety: thread-safe.
 */
final class CreateTopicsHandler implements ApiHandler {
    private final BrokerContext context;

    CreateTopicsHandler(BrokerContext context) {
        this.context = context;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        CreateTopicsRequest req = (CreateTopicsRequest) request;
        CreateTopicsResponseData data = new CreateTopicsResponseData().setThrottleTimeMs(0);
        for (CreatableTopic t : req.data().topics()) {
            data.topics().add(create(t, req.data().validateOnly()));
        }
        return CompletableFuture.completedFuture(new CreateTopicsResponse(data));
    }

    private CreatableTopicResult create(CreatableTopic t, boolean validateOnly) {
        CreatableTopicResult result = new CreatableTopicResult().setName(t.name());
        try {
            if (t.replicationFactor() != -1 && t.replicationFactor() != 1) {
                throw new InvalidReplicationFactorException("Replication factor must be 1 (single broker), got " + t.replicationFactor());
            }
            if (!t.assignments().isEmpty()) {
                throw new InvalidRequestException("Manual partition assignments are not supported");
            }
            Map<String, String> configs = new HashMap<>();
            for (CreatableTopicConfig c : t.configs()) {
                configs.put(c.name(), c.value());
            }
            Topic topic = context.topics().create(t.name(), t.numPartitions(), configs, validateOnly);
            int partitions = validateOnly ? (t.numPartitions() == -1 ? context.config().numPartitions() : t.numPartitions())
                : topic.partitions().size();
            result.setErrorCode(Errors.NONE.code()).setTopicId(topic.id()).setNumPartitions(partitions)
                .setReplicationFactor((short) 1);
            topic.config().effectiveValues().forEach((k, v) -> result.configs().add(new CreatableTopicConfigs()
                .setName(k).setValue(v).setReadOnly(false).setIsSensitive(false)
                .setConfigSource(topic.config().isOverridden(k) ? ConfigSources.TOPIC : ConfigSources.DEFAULT)));
        } catch (ApiException e) {
            ApiError error = ApiError.fromThrowable(e);
            result.setErrorCode(error.error().code()).setErrorMessage(error.message())
                .setNumPartitions(-1).setReplicationFactor((short) -1).setConfigs(null);
        }
        return result;
    }
}
