package io.ringlog.broker.api;

import io.ringlog.broker.group.GroupCoordinator;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.HeartbeatResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.concurrent.CompletableFuture;

/**
 * Heartbeat v0-4: answered at once (in-memory state only).
 *
 * <p>Thread-safety: thread-safe (stateless).
 */
final class HeartbeatHandler implements ApiHandler {
    private final GroupCoordinator groups;

    HeartbeatHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        HeartbeatRequestData d = ((HeartbeatRequest) request).data();
        short error = groups.heartbeat(d.groupId(), d.generationId(), d.memberId(), d.groupInstanceId()).code();
        return CompletableFuture.completedFuture(new HeartbeatResponse(new HeartbeatResponseData().setErrorCode(error)));
    }
}
