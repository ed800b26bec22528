package io.ringlog.broker.api;

import io.ringlog.broker.group.GroupCoordinator;
import io.ringlog.broker.group.JoinGroupParams;
import io.ringlog.broker.group.MemberProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.apache.kafka.common.requests.JoinGroupResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * JoinGroup v0-9: the response completes when the join phase ends (possibly seconds later), without
 * holding a thread. v0 has no rebalance timeout (the session timeout serves); v4+ new members first get
 * MEMBER_ID_REQUIRED; v9's skip_assignment is always false.
 *
 * <p>Thread-safety: thread-safe (stateless).
 */
final class JoinGroupHandler implements ApiHandler {
    private final GroupCoordinator groups;

    JoinGroupHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        return handle(header, request, "unknown:0-0");
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request, String connection) {
        JoinGroupRequestData d = ((JoinGroupRequest) request).data();
        short version = header.apiVersion();
        List<MemberProtocol> protocols = d.protocols().stream()
            .map(p -> new MemberProtocol(p.name(), p.metadata())).toList();
        JoinGroupParams params = new JoinGroupParams(d.groupId(), d.memberId(), d.groupInstanceId(),
            header.clientId() == null ? "" : header.clientId(), clientHost(connection), d.sessionTimeoutMs(),
            version == 0 ? d.sessionTimeoutMs() : d.rebalanceTimeoutMs(), d.protocolType(), protocols,
            JoinGroupRequest.requiresKnownMemberId(version));
        return groups.joinGroup(params).thenApply(data -> new JoinGroupResponse(data, version));
    }

    /** Kafka's form, {@code /HOST}, from the connection name {@code HOST:PORT-N}. */
    static String clientHost(String connection) {
        int colon = connection.lastIndexOf(':');
        return "/" + (colon > 0 ? connection.substring(0, colon) : connection);
    }
}
