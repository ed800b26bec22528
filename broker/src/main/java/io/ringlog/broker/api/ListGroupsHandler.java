package io.ringlog.broker.api;

import io.ringlog.broker.group.GroupCoordinator;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ListGroupsRequest;
import org.apache.kafka.common.requests.ListGroupsResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * ListGroups v0-5, with the v4 states filter and the v5 types filter (every group here is "classic");
 * filters match case-insensitively, as in Kafka.
 *
 * <p>Thread-safety: thread-safe (stateless).
 */
final class ListGroupsHandler implements ApiHandler {
    private final GroupCoordinator groups;

    ListGroupsHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        ListGroupsRequestData d = ((ListGroupsRequest) request).data();
        ListGroupsResponseData data = new ListGroupsResponseData().setThrottleTimeMs(0).setErrorCode(Errors.NONE.code())
            .setGroups(groups.listGroups(lower(d.statesFilter()), lower(d.typesFilter())));
        return CompletableFuture.completedFuture(new ListGroupsResponse(data));
    }

    private static Set<String> lower(java.util.List<String> values) {
        return values == null ? Set.of() : values.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
