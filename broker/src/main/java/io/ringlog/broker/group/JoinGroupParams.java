package io.ringlog.broker.group;

import java.util.List;
import java.util.Objects;

/**
 * What a JoinGroup request asks for, independent of its wire version.
 *
 * <p>Thread-safety: immutable.
 *
 * @param groupId              group to join
 * @param memberId             the member id the client has, empty for a new member
 * @param groupInstanceId      static membership id, or null
 * @param clientId             client id from the request header
 * @param clientHost           client address as the broker sees it, e.g. {@code /127.0.0.1}
 * @param sessionTimeoutMs     session timeout
 * @param rebalanceTimeoutMs   rebalance timeout (v0: the session timeout)
 * @param protocolType         e.g. {@code consumer}
 * @param protocols            supported assignors in preference order
 * @param requireKnownMemberId true from v4: a new member first gets MEMBER_ID_REQUIRED with its id
 */
public record JoinGroupParams(String groupId, String memberId, String groupInstanceId, String clientId, String clientHost,
                              int sessionTimeoutMs, int rebalanceTimeoutMs, String protocolType,
                              List<MemberProtocol> protocols, boolean requireKnownMemberId) {
    public JoinGroupParams {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientHost, "clientHost");
        protocols = List.copyOf(protocols);
    }
}
