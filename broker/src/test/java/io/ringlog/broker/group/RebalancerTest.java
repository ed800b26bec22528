package io.ringlog.broker.group;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The group state machine on a hand-moved clock: delays, timeouts, expiry, restore, store failures. */
class RebalancerTest {
    private static final int SESSION = 3_000;
    private static final int REBALANCE = 5_000;

    private final ManualTimer timer = new ManualTimer();

    private GroupCoordinator coordinator(int initialDelayMs, GroupStore store) {
        return new GroupCoordinator(store, new GroupSettings(initialDelayMs, 100, 60_000, 100, 4096), timer, Runnable::run);
    }

    private static JoinGroupParams join(String group, String memberId, String instanceId, boolean requireKnownId) {
        return new JoinGroupParams(group, memberId, instanceId, "client", "/127.0.0.1", SESSION, REBALANCE, "consumer",
            List.of(new MemberProtocol("range", new byte[] {1})), requireKnownId);
    }

    private static JoinGroupParams join(String group, String memberId) {
        return join(group, memberId, null, false);
    }

    private static String state(GroupCoordinator c, String group) {
        return c.describeGroup(group, true).groupState();
    }

    /** Joins one member to an empty group (no initial delay) and syncs it. */
    private static JoinGroupResponseData joinAlone(GroupCoordinator c, String group) {
        JoinGroupResponseData j = c.joinGroup(join(group, "")).join();
        assertEquals(Errors.NONE.code(), j.errorCode());
        assertEquals(Errors.NONE.code(), sync(c, group, j).join().errorCode());
        return j;
    }

    private static CompletableFuture<SyncGroupResponseData> sync(GroupCoordinator c, String group, JoinGroupResponseData j) {
        Map<String, byte[]> assignments = j.leader().equals(j.memberId())
            ? Map.of(j.memberId(), new byte[] {7}) : Map.of();
        return c.syncGroup(new SyncGroupParams(group, j.generationId(), j.memberId(), null, "consumer", "range", assignments));
    }

    @Test
    void theInitialDelayWaitsForMoreMembersWithinTheRebalanceTimeout() {
        GroupCoordinator c = coordinator(3_000, GroupStore.inMemory());
        CompletableFuture<JoinGroupResponseData> a = c.joinGroup(join("g", ""));
        timer.advance(2_000);
        CompletableFuture<JoinGroupResponseData> b = c.joinGroup(join("g", ""));
        timer.advance(1_000); // first delay over, but a member arrived during it: wait once more (2 s left)
        assertFalse(a.isDone());
        assertEquals("PreparingRebalance", state(c, "g"));
        timer.advance(2_000);
        assertTrue(a.isDone() && b.isDone());
        assertEquals(1, a.join().generationId());
        JoinGroupResponseData leader = a.join().leader().equals(a.join().memberId()) ? a.join() : b.join();
        assertEquals(2, leader.members().size());
        assertEquals("CompletingRebalance", state(c, "g"));
    }

    @Test
    void aMemberThatStopsHeartbeatingIsRemovedAndTheOthersRebalance() {
        GroupCoordinator c = coordinator(0, GroupStore.inMemory());
        JoinGroupResponseData a = joinAlone(c, "g");
        CompletableFuture<JoinGroupResponseData> b = c.joinGroup(join("g", ""));
        assertEquals(Errors.REBALANCE_IN_PROGRESS, c.heartbeat("g", 1, a.memberId(), null));
        JoinGroupResponseData a2 = c.joinGroup(join("g", a.memberId())).join();
        assertEquals(2, a2.generationId());
        sync(c, "g", a2).join();
        sync(c, "g", b.join()).join();
        assertEquals("Stable", state(c, "g"));
        for (int i = 0; i < 4; i++) { // a heartbeats every second, b never
            timer.advance(1_000);
            Errors e = c.heartbeat("g", a2.generationId(), a.memberId(), null);
            assertEquals(i < 2 ? Errors.NONE : Errors.REBALANCE_IN_PROGRESS, e, "heartbeat " + i);
        }
        assertEquals(Errors.UNKNOWN_MEMBER_ID, c.heartbeat("g", 2, b.join().memberId(), null));
        JoinGroupResponseData a3 = c.joinGroup(join("g", a.memberId())).join();
        assertEquals(3, a3.generationId());
        assertEquals(1, a3.members().size());
    }

    @Test
    void membersThatDoNotRejoinWithinTheRebalanceTimeoutAreDropped() {
        GroupCoordinator c = coordinator(0, GroupStore.inMemory());
        JoinGroupResponseData a = joinAlone(c, "g");
        CompletableFuture<JoinGroupResponseData> b = c.joinGroup(join("g", ""));
        for (int i = 0; i < 2; i++) { // a stays alive but never re-joins
            timer.advance(2_000);
            assertEquals(Errors.REBALANCE_IN_PROGRESS, c.heartbeat("g", 1, a.memberId(), null));
        }
        timer.advance(REBALANCE - 4_001);
        assertFalse(b.isDone(), "the rebalance timeout is not over");
        timer.advance(1);
        assertEquals(Errors.NONE.code(), b.join().errorCode());
        assertEquals(2, b.join().generationId());
        assertEquals(b.join().memberId(), b.join().leader());
        assertEquals(Errors.UNKNOWN_MEMBER_ID, c.heartbeat("g", 1, a.memberId(), null));
    }

    @Test
    void aLeaderThatNeverSendsTheAssignmentIsRemovedAfterTheRebalanceTimeout() {
        GroupCoordinator c = coordinator(0, GroupStore.inMemory());
        JoinGroupResponseData a = joinAlone(c, "g");
        CompletableFuture<JoinGroupResponseData> b = c.joinGroup(join("g", ""));
        JoinGroupResponseData a2 = c.joinGroup(join("g", a.memberId())).join();
        assertEquals(a2.memberId(), a2.leader());
        CompletableFuture<SyncGroupResponseData> follower = sync(c, "g", b.join());
        for (int i = 0; i < 2; i++) { // the leader heartbeats but never syncs
            timer.advance(2_000);
            assertEquals(Errors.NONE, c.heartbeat("g", 2, a.memberId(), null));
        }
        assertFalse(follower.isDone());
        timer.advance(REBALANCE - 4_000);
        assertEquals(Errors.REBALANCE_IN_PROGRESS.code(), follower.join().errorCode());
        assertEquals(Errors.UNKNOWN_MEMBER_ID, c.heartbeat("g", 2, a.memberId(), null));
        JoinGroupResponseData b2 = c.joinGroup(join("g", b.join().memberId())).join();
        assertEquals(3, b2.generationId());
        assertEquals(b2.memberId(), b2.leader());
    }

    @Test
    void aMemberIdHandedOutWithMemberIdRequiredExpiresIfTheClientNeverReturns() {
        GroupCoordinator c = coordinator(0, GroupStore.inMemory());
        JoinGroupResponseData first = c.joinGroup(join("g", "", null, true)).join();
        assertEquals(Errors.MEMBER_ID_REQUIRED.code(), first.errorCode());
        assertEquals("Empty", state(c, "g"));
        timer.advance(SESSION);
        assertEquals(Errors.UNKNOWN_MEMBER_ID.code(), c.joinGroup(join("g", first.memberId(), null, true)).join().errorCode());
    }

    @Test
    void aStaticMemberRestartingWithANewMemberIdFencesItsOldId() {
        GroupCoordinator c = coordinator(0, GroupStore.inMemory());
        JoinGroupResponseData old = c.joinGroup(join("g", "", "instance-1", true)).join();
        assertEquals(Errors.NONE.code(), old.errorCode(), "static members need no MEMBER_ID_REQUIRED round trip");
        sync(c, "g", old).join();
        JoinGroupResponseData restarted = c.joinGroup(join("g", "", "instance-1", true)).join();
        assertEquals(Errors.NONE.code(), restarted.errorCode());
        assertEquals(Errors.FENCED_INSTANCE_ID, c.heartbeat("g", restarted.generationId(), old.memberId(), "instance-1"));
        assertEquals(1, restarted.members().size());
    }

    @Test
    void aRestoredGroupIsStableForItsMembersAndExpiresThoseThatDoNotReturn() throws Exception {
        GroupStore store = GroupStore.inMemory();
        store.storeGroup(new GroupSnapshot("g", "consumer", 5, "range", "m1", List.of(
            new GroupSnapshot.Member("m1", null, "c", "/h", REBALANCE, SESSION, new byte[] {1}, new byte[] {9}),
            new GroupSnapshot.Member("m2", null, "c", "/h", REBALANCE, SESSION, new byte[] {1}, new byte[] {8})), 0));
        store.commitOffsets("g", List.of(new CommittedOffset("t", 0, 42, -1, "", 0)));
        GroupCoordinator c = coordinator(0, store);
        c.load(topic -> true);
        assertEquals("Stable", state(c, "g"));
        assertEquals(Errors.NONE, c.heartbeat("g", 5, "m1", null));
        SyncGroupResponseData s = c.syncGroup(new SyncGroupParams("g", 5, "m1", null, null, null, Map.of())).join();
        assertEquals(9, s.assignment()[0]);
        assertEquals(42, c.fetchOffsets("g", List.of(new TopicPartition("t", 0))).topics().getFirst()
            .partitions().getFirst().committedOffset());
        timer.advance(2_000);
        assertEquals(Errors.NONE, c.heartbeat("g", 5, "m1", null));
        timer.advance(1_500); // m2's session (restarted at load) is over
        assertEquals(Errors.REBALANCE_IN_PROGRESS, c.heartbeat("g", 5, "m1", null));
    }

    @Test
    void offsetsOfTopicsDeletedWhileDownAreDroppedAtLoad() throws Exception {
        GroupStore store = GroupStore.inMemory();
        store.commitOffsets("g", List.of(new CommittedOffset("kept", 0, 1, -1, "", 0),
            new CommittedOffset("gone", 0, 2, -1, "", 0)));
        coordinator(0, store).load(topic -> topic.equals("kept"));
        assertEquals(java.util.Set.of(new TopicPartition("kept", 0)), store.load().offsets().get("g").keySet());
    }

    @Test
    void aStoreFailureIsAnsweredWithCoordinatorNotAvailableAndNothingIsApplied() {
        GroupCoordinator c = coordinator(0, new FailingStore());
        JoinGroupResponseData j = c.joinGroup(join("g", "")).join();
        assertEquals(Errors.COORDINATOR_NOT_AVAILABLE.code(), sync(c, "g", j).join().errorCode());
        assertEquals("PreparingRebalance", state(c, "g"));
        TopicPartition tp = new TopicPartition("t", 0);
        Map<TopicPartition, Errors> commit = c.commitOffsets("other", -1, "", null,
            List.of(new OffsetCommitEntry(tp, 5, -1, null))).join();
        assertEquals(Map.of(tp, Errors.COORDINATOR_NOT_AVAILABLE), commit);
        assertEquals(-1, c.fetchOffsets("other", List.of(tp)).topics().getFirst().partitions().getFirst().committedOffset());
    }

    /** Refuses every write. */
    private static final class FailingStore implements GroupStore {
        @Override
        public GroupStoreState load() {
            return GroupStoreState.empty();
        }

        @Override
        public void commitOffsets(String groupId, List<CommittedOffset> offsets) throws GroupStoreException {
            throw new GroupStoreException("test store: disk full");
        }

        @Override
        public void deleteOffsets(String groupId, java.util.Collection<TopicPartition> partitions) throws GroupStoreException {
            throw new GroupStoreException("test store: disk full");
        }

        @Override
        public void storeGroup(GroupSnapshot group) throws GroupStoreException {
            throw new GroupStoreException("test store: disk full");
        }

        @Override
        public void deleteGroup(String groupId) throws GroupStoreException {
            throw new GroupStoreException("test store: disk full");
        }

        @Override
        public void close() {
        }
    }
}
