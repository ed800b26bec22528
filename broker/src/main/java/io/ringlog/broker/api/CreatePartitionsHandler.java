package io.ringlog.broker.api;

import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.apache.kafka.common.requests.CreatePartitionsResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.concurrent.CompletableFuture;

/**
 * CreatePartitions: grows topics (AdminClient {@code createPartitions}); manual assignments are
 * refused, as every partition lives on node 0. Blocking: runs on the I/O pool.
 *
 * <p>Thread-safety: thread-safe.
 */
final class CreatePartitionsHandler implements ApiHandler {
    private final BrokerContext context;

    CreatePartitionsHandler(BrokerContext context) {
        this.context = context;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        CreatePartitionsRequest req = (CreatePartitionsRequest) request;
        CreatePartitionsResponseData data = new CreatePartitionsResponseData().setThrottleTimeMs(0);
        for (CreatePartitionsTopic t : req.data().topics()) {
            CreatePartitionsTopicResult result = new CreatePartitionsTopicResult().setName(t.name());
            try {
                if (t.assignments() != null && !t.assignments().isEmpty()) {
                    throw new InvalidRequestException("Manual partition assignments are not supported");
                }
                context.topics().addPartitions(t.name(), t.count(), req.data().validateOnly());
                result.setErrorCode(Errors.NONE.code());
            } catch (ApiException e) {
                ApiError error = ApiError.fromThrowable(e);
                result.setErrorCode(error.error().code()).setErrorMessage(error.message());
            }
            data.results().add(result);
        }
        return CompletableFuture.completedFuture(new CreatePartitionsResponse(data));
    }
}
