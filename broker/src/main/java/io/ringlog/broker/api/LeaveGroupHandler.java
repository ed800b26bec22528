package io.ringlog.broker.api;

import io.ringlog.broker.group.GroupCoordinator;
import io.ringlog.broker.group.GroupCoordinator.LeaveResult;
import io.ringlog.broker.group.GroupCoordinator.LeavingMember;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData.MemberResponse;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.LeaveGroupRequest;
import org.apache.kafka.common.requests.LeaveGroupResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * LeaveGroup v0-5: one member before v3, a batch (by member id or group instance id) from v3.
 *
 * <p>Thread-safety: thread-safe (stateless).
 */
final class LeaveGroupHandler implements ApiHandler {
    private final GroupCoordinator groups;

    LeaveGroupHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        LeaveGroupRequest req = (LeaveGroupRequest) request;
        List<MemberIdentity> members = req.members();
        List<LeavingMember> leaving = members.stream()
            .map(m -> new LeavingMember(m.memberId(), m.groupInstanceId())).toList();
        LeaveResult result = groups.leaveGroup(req.data().groupId(), leaving);
        List<MemberResponse> responses = new ArrayList<>();
        for (int i = 0; i < result.members().size(); i++) {
            MemberIdentity m = members.get(i);
            responses.add(new MemberResponse().setMemberId(m.memberId()).setGroupInstanceId(m.groupInstanceId())
                .setErrorCode(result.members().get(i).code()));
        }
        return CompletableFuture.completedFuture(new LeaveGroupResponse(responses, result.error(), 0, header.apiVersion()));
    }
}
