package io.ringlog.broker.api;

import io.ringlog.broker.group.GroupCoordinator;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeGroupsRequest;
import org.apache.kafka.common.requests.DescribeGroupsResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.concurrent.CompletableFuture;

/**
 * DescribeGroups v0-6. An unknown group is reported Dead before v6 and GROUP_ID_NOT_FOUND from v6
 * (KIP-1043). Authorized operations are not reported (no ACLs).
 *
 * <p>Thread-safety: thread-safe (stateless).
 */
final class DescribeGroupsHandler implements ApiHandler {
    private static final int MIN_NOT_FOUND_VERSION = 6;
    private final GroupCoordinator groups;

    DescribeGroupsHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        DescribeGroupsRequestData d = ((DescribeGroupsRequest) request).data();
        boolean notFoundIsError = header.apiVersion() >= MIN_NOT_FOUND_VERSION;
        DescribeGroupsResponseData data = new DescribeGroupsResponseData().setThrottleTimeMs(0);
        for (String groupId : d.groups()) {
            data.groups().add(groups.describeGroup(groupId, notFoundIsError));
        }
        return CompletableFuture.completedFuture(new DescribeGroupsResponse(data));
    }
}
