package io.ringlog.broker.api;

import io.ringlog.broker.topic.Topic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DeleteTopicsResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * DeleteTopics by name (all versions) or id (v6+). Blocking: runs on the I/O pool.
 *
 * <p>Thread-safety: thread-safe.
 */
final class DeleteTopicsHandler implements ApiHandler {
    private final BrokerContext context;

    DeleteTopicsHandler(BrokerContext context) {
        this.context = context;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        DeleteTopicsRequest req = (DeleteTopicsRequest) request;
        List<DeleteTopicState> wanted = new ArrayList<>(req.data().topics());
        req.data().topicNames().forEach(n -> wanted.add(new DeleteTopicState().setName(n).setTopicId(Uuid.ZERO_UUID)));
        DeleteTopicsResponseData data = new DeleteTopicsResponseData().setThrottleTimeMs(0);
        for (DeleteTopicState s : wanted) {
            data.responses().add(delete(s));
        }
        return CompletableFuture.completedFuture(new DeleteTopicsResponse(data));
    }

    private DeletableTopicResult delete(DeleteTopicState s) {
        DeletableTopicResult result = new DeletableTopicResult().setName(s.name()).setTopicId(s.topicId());
        Optional<Topic> topic = s.name() != null ? context.topics().topic(s.name())
            : context.topics().topic(s.topicId());
        if (topic.isEmpty()) {
            Errors error = s.name() == null ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
            return result.setErrorCode(error.code()).setErrorMessage(error.message());
        }
        try {
            context.topics().delete(topic.get().name());
            context.groups().onTopicDeleted(topic.get().name());
            return result.setName(topic.get().name()).setTopicId(topic.get().id()).setErrorCode(Errors.NONE.code());
        } catch (ApiException e) {
            ApiError error = ApiError.fromThrowable(e);
            return result.setErrorCode(error.error().code()).setErrorMessage(error.message());
        }
    }
}
