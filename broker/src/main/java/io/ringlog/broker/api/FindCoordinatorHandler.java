package io.ringlog.broker.api;

import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * FindCoordinator: this single node coordinates every group. One key before v4, a batch of keys
 * (coordinatorKeys) from v4. Transaction keys get COORDINATOR_NOT_AVAILABLE (there is no transaction
 * coordinator), other key types (share groups) INVALID_REQUEST.
 *
 * <p>Thread-safety: thread-safe (stateless).
 */
final class FindCoordinatorHandler implements ApiHandler {
    private static final int MIN_BATCHED_VERSION = 4;
    private final BrokerContext context;

    FindCoordinatorHandler(BrokerContext context) {
        this.context = context;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        FindCoordinatorRequestData req = ((FindCoordinatorRequest) request).data();
        FindCoordinatorResponseData data = new FindCoordinatorResponseData().setThrottleTimeMs(0);
        if (header.apiVersion() < MIN_BATCHED_VERSION) {
            Coordinator c = coordinator(req.key(), req.keyType());
            data.setErrorCode(c.errorCode()).setErrorMessage(c.errorMessage()).setNodeId(c.nodeId())
                .setHost(c.host()).setPort(c.port());
        } else {
            List<String> keys = req.coordinatorKeys();
            for (String key : keys) {
                data.coordinators().add(coordinator(key, req.keyType()));
            }
        }
        return CompletableFuture.completedFuture(new FindCoordinatorResponse(data));
    }

    private Coordinator coordinator(String key, byte keyType) {
        Coordinator c = new Coordinator().setKey(key);
        Errors error = keyType == FindCoordinatorRequest.CoordinatorType.GROUP.id() ? Errors.NONE
            : keyType == FindCoordinatorRequest.CoordinatorType.TRANSACTION.id() ? Errors.COORDINATOR_NOT_AVAILABLE
            : Errors.INVALID_REQUEST;
        if (error != Errors.NONE) {
            String why = error == Errors.COORDINATOR_NOT_AVAILABLE ? "ringlog does not support transactions"
                : "ringlog only coordinates consumer groups";
            return c.setErrorCode(error.code()).setErrorMessage(why).setNodeId(-1).setHost("").setPort(-1);
        }
        return c.setErrorCode(Errors.NONE.code()).setNodeId(BrokerContext.NODE_ID)
            .setHost(context.advertisedHost()).setPort(context.advertisedPort());
    }
}
