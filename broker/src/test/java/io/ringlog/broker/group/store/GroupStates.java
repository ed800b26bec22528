package io.ringlog.broker.group.store;

import io.ringlog.broker.group.CommittedOffset;
import io.ringlog.broker.group.GroupSnapshot;
import io.ringlog.broker.group.GroupStoreState;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test helpers: sample values and a deep comparison of states (member byte arrays by content). */
final class GroupStates {
    private GroupStates() {
    }

    static CommittedOffset offset(String topic, int partition, long offset) {
        return new CommittedOffset(topic, partition, offset, 7, "meta-" + offset, 1_700_000_000_000L + offset);
    }

    static GroupSnapshot snapshot(String groupId, int generation, int members) {
        List<GroupSnapshot.Member> list = new java.util.ArrayList<>();
        for (int i = 0; i < members; i++) {
            list.add(new GroupSnapshot.Member("member-" + i + "-" + generation, i % 2 == 0 ? null : "instance-" + i,
                "client-" + i, "/10.0.0." + i, 60_000, 45_000,
                ("subscription-" + i).getBytes(StandardCharsets.UTF_8), new byte[]{(byte) i, 0, (byte) 0xFF, (byte) generation}));
        }
        return new GroupSnapshot(groupId, "consumer", generation, members == 0 ? null : "range",
            members == 0 ? null : "member-0-" + generation, list, 1_700_000_100_000L + generation);
    }

    /** Equal states: same groups (deeply, arrays by content) and same offsets. */
    static void assertSameState(GroupStoreState expected, GroupStoreState actual) {
        assertEquals(expected.groups().keySet(), actual.groups().keySet(), "groups with metadata");
        for (Map.Entry<String, GroupSnapshot> e : expected.groups().entrySet()) {
            assertSameSnapshot(e.getValue(), actual.groups().get(e.getKey()));
        }
        assertEquals(expected.offsets(), actual.offsets(), "committed offsets");
    }

    static void assertSameSnapshot(GroupSnapshot expected, GroupSnapshot actual) {
        assertEquals(withoutMembers(expected), withoutMembers(actual), "snapshot of " + expected.groupId());
        assertEquals(expected.members().size(), actual.members().size(), "members of " + expected.groupId());
        for (int i = 0; i < expected.members().size(); i++) {
            GroupSnapshot.Member m = expected.members().get(i);
            GroupSnapshot.Member a = actual.members().get(i);
            assertEquals(List.of(m.memberId(), String.valueOf(m.groupInstanceId()), m.clientId(), m.clientHost(),
                m.rebalanceTimeoutMs(), m.sessionTimeoutMs()), List.of(a.memberId(), String.valueOf(a.groupInstanceId()),
                a.clientId(), a.clientHost(), a.rebalanceTimeoutMs(), a.sessionTimeoutMs()), "member " + i);
            assertArrayEquals(m.subscription(), a.subscription(), "subscription of " + m.memberId());
            assertArrayEquals(m.assignment(), a.assignment(), "assignment of " + m.memberId());
        }
    }

    private static GroupSnapshot withoutMembers(GroupSnapshot s) {
        return new GroupSnapshot(s.groupId(), s.protocolType(), s.generationId(), s.protocolName(), s.leaderId(), List.of(),
            s.timestampMs());
    }

    /** A readable summary for failure messages. */
    static String describe(GroupStoreState s) {
        return s.groups().keySet() + " " + s.offsets();
    }

    static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }
}
