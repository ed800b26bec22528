package io.ringlog.broker.api;

import io.ringlog.broker.group.GroupCoordinator;
import io.ringlog.broker.group.SyncGroupParams;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.SyncGroupRequest;
import org.apache.kafka.common.requests.SyncGroupResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * SyncGroup v0-5: followers wait (without a thread) until the leader's assignment is stored. v5 checks the
 * protocol type and name the member expects.
 *
 * <p>Thread-safety: thread-safe (stateless).
 */
final class SyncGroupHandler implements ApiHandler {
    private static final int MIN_PROTOCOL_CHECK_VERSION = 5;
    private final GroupCoordinator groups;

    SyncGroupHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        SyncGroupRequestData d = ((SyncGroupRequest) request).data();
        boolean checksProtocol = header.apiVersion() >= MIN_PROTOCOL_CHECK_VERSION;
        Map<String, byte[]> assignments = new HashMap<>();
        for (SyncGroupRequestAssignment a : d.assignments()) {
            assignments.put(a.memberId(), a.assignment());
        }
        SyncGroupParams params = new SyncGroupParams(d.groupId(), d.generationId(), d.memberId(), d.groupInstanceId(),
            checksProtocol ? d.protocolType() : null, checksProtocol ? d.protocolName() : null, assignments);
        return groups.syncGroup(params).thenApply(SyncGroupResponse::new);
    }
}
