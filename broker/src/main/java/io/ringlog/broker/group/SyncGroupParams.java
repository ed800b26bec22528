package io.ringlog.broker.group;

import java.util.Map;

/**
 * What a SyncGroup request carries, independent of its wire version.
 *
 * <p>Thread-safety: immutable (the assignment arrays are never modified).
 *
 * @param groupId         group id
 * @param generationId    the generation the member joined
 * @param memberId        member id
 * @param groupInstanceId static membership id, or null
 * @param protocolType    v5+: the protocol type the member expects, else null
 * @param protocolName    v5+: the protocol the member expects, else null
 * @param assignments     the leader's assignment per member id (empty from followers)
 */
public record SyncGroupParams(String groupId, int generationId, String memberId, String groupInstanceId,
                              String protocolType, String protocolName, Map<String, byte[]> assignments) {
    public SyncGroupParams {
        assignments = Map.copyOf(assignments);
    }
}
