package io.ringlog.broker.api;

import io.ringlog.broker.group.GroupCoordinator;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResult;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DeleteGroupsRequest;
import org.apache.kafka.common.requests.DeleteGroupsResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.concurrent.CompletableFuture;

/**
 * DeleteGroups v0-2: groups with members get NON_EMPTY_GROUP, unknown ones GROUP_ID_NOT_FOUND; a
 * deletion is answered once it is durable.
 *
 * <p>Thread-safety: thread-safe (stateless).
 */
final class DeleteGroupsHandler implements ApiHandler {
    private final GroupCoordinator groups;

    DeleteGroupsHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        DeleteGroupsRequestData d = ((DeleteGroupsRequest) request).data();
        return groups.deleteGroups(d.groupsNames()).thenApply(errors -> {
            DeleteGroupsResponseData data = new DeleteGroupsResponseData().setThrottleTimeMs(0);
            errors.forEach((id, e) -> data.results().add(new DeletableGroupResult().setGroupId(id).setErrorCode(e.code())));
            return new DeleteGroupsResponse(data);
        });
    }
}
