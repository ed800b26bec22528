package io.ringlog.broker.group.store;

import io.ringlog.broker.group.CommittedOffset;
import io.ringlog.broker.group.GroupSnapshot;
import io.ringlog.broker.group.GroupStore;
import io.ringlog.broker.group.GroupStoreState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.ringlog.broker.group.store.GroupStates.assertSameSnapshot;
import static io.ringlog.broker.group.store.GroupStates.offset;
import static io.ringlog.broker.group.store.GroupStates.snapshot;
import static io.ringlog.broker.group.store.GroupStates.tp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The {@link GroupStore} contract, run against every implementation: each scenario checks the state
 * both on the open store and after {@link #reopen} (a restart for a durable store).
 */
abstract class GroupStoreContract {
    protected GroupStore store;

    /** A new, empty store. */
    protected abstract GroupStore create() throws Exception;

    /** The store as a restarted broker sees it: the same instance in memory, closed and reopened on disk. */
    protected abstract GroupStore reopen(GroupStore old) throws Exception;

    @BeforeEach
    void createStore() throws Exception {
        store = create();
    }

    @AfterEach
    void closeStore() throws Exception {
        store.close();
    }

    /** The state now, and after a restart: both must be the same. */
    private GroupStoreState stateBeforeAndAfterRestart() throws Exception {
        GroupStoreState before = store.load();
        store = reopen(store);
        GroupStoreState after = store.load();
        GroupStates.assertSameState(before, after);
        return after;
    }

    @Test
    void aNewStoreShouldBeEmpty() throws Exception {
        GroupStoreState state = stateBeforeAndAfterRestart();
        assertEquals(Map.of(), state.groups());
        assertEquals(Map.of(), state.offsets());
    }

    @Test
    void laterCommitsShouldSupersedeEarlierOnesForTheSamePartition() throws Exception {
        store.commitOffsets("g", List.of(offset("t", 0, 5), offset("t", 1, 6)));
        store.commitOffsets("g", List.of(offset("t", 0, 9)));
        store.commitOffsets("other", List.of(offset("t", 0, 1)));
        GroupStoreState state = stateBeforeAndAfterRestart();
        assertEquals(Map.of(tp("t", 0), offset("t", 0, 9), tp("t", 1), offset("t", 1, 6)), state.offsets().get("g"));
        assertEquals(Map.of(tp("t", 0), offset("t", 0, 1)), state.offsets().get("other"));
        store.commitOffsets("g", List.of(offset("t", 1, 100)));
        assertEquals(100, stateBeforeAndAfterRestart().offsets().get("g").get(tp("t", 1)).offset());
    }

    @Test
    void deleteOffsetsShouldRemoveOnlyTheNamedPartitions() throws Exception {
        store.commitOffsets("g", List.of(offset("a", 0, 1), offset("a", 1, 2), offset("b", 0, 3)));
        store.deleteOffsets("g", List.of(tp("a", 1), tp("never-committed", 4)));
        store.deleteOffsets("no-such-group", List.of(tp("a", 0)));
        GroupStoreState state = stateBeforeAndAfterRestart();
        assertEquals(Map.of("g", Map.of(tp("a", 0), offset("a", 0, 1), tp("b", 0), offset("b", 0, 3))), state.offsets());
        store.deleteOffsets("g", Set.of(tp("a", 0), tp("b", 0)));
        assertEquals(Map.of(), stateBeforeAndAfterRestart().offsets(), "a group without offsets has no entry");
    }

    @Test
    void deleteGroupShouldRemoveItsMetadataAndAllItsOffsets() throws Exception {
        store.storeGroup(snapshot("g", 3, 2));
        store.commitOffsets("g", List.of(offset("t", 0, 1), offset("t", 1, 2)));
        store.storeGroup(snapshot("kept", 1, 1));
        store.commitOffsets("kept", List.of(offset("t", 0, 8)));
        store.deleteGroup("g");
        store.deleteGroup("never-existed");
        GroupStoreState state = stateBeforeAndAfterRestart();
        assertEquals(Set.of("kept"), state.groups().keySet());
        assertEquals(Set.of("kept"), state.offsets().keySet());
        // A group deleted and then used again starts from nothing.
        store.commitOffsets("g", List.of(offset("t", 5, 50)));
        state = stateBeforeAndAfterRestart();
        assertEquals(Map.of(tp("t", 5), offset("t", 5, 50)), state.offsets().get("g"));
        assertNull(state.groups().get("g"));
    }

    @Test
    void snapshotsShouldRoundTripExactlyAndTheLatestShouldWin() throws Exception {
        GroupSnapshot first = snapshot("g", 1, 3);
        GroupSnapshot second = new GroupSnapshot("g", "consumer", 2, "cooperative-sticky", "m-\u00e9\u4e2d",
            List.of(new GroupSnapshot.Member("m-\u00e9\u4e2d", "static-1", "", "host", Integer.MAX_VALUE, -1,
                new byte[0], new byte[]{0, -1, 127, -128}),
                new GroupSnapshot.Member("m2", null, "c2", "h2", 1, 2, new byte[300], new byte[]{1})),
            Long.MAX_VALUE);
        store.storeGroup(first);
        store.storeGroup(second);
        GroupSnapshot empty = new GroupSnapshot("empty", "", 0, null, null, List.of(), 0);
        store.storeGroup(empty);
        GroupStoreState state = stateBeforeAndAfterRestart();
        assertSameSnapshot(second, state.groups().get("g"));
        assertSameSnapshot(empty, state.groups().get("empty"));
        assertEquals(Map.of(), state.offsets(), "metadata without offsets");
    }

    @Test
    void groupsWithOffsetsAndNoMetadataShouldBeKept() throws Exception {
        store.commitOffsets("assign-only", List.of(new CommittedOffset("t", 0, 0, -1, "", 0)));
        store.storeGroup(snapshot("joined", 4, 1));
        GroupStoreState state = stateBeforeAndAfterRestart();
        assertEquals(Set.of("joined"), state.groups().keySet());
        assertEquals(Map.of("assign-only", Map.of(tp("t", 0), new CommittedOffset("t", 0, 0, -1, "", 0))), state.offsets());
    }

    @Test
    void theStoreShouldBeUsableAfterEachRestart() throws Exception {
        for (int round = 0; round < 3; round++) {
            store.commitOffsets("g", List.of(offset("t", round, round)));
            store.storeGroup(snapshot("g", round, round));
            store = reopen(store);
        }
        GroupStoreState state = store.load();
        assertEquals(3, state.offsets().get("g").size());
        assertEquals(2, state.groups().get("g").generationId());
        assertEquals(2, state.groups().get("g").members().size());
        TopicPartition last = tp("t", 2);
        assertEquals(2, state.offsets().get("g").get(last).offset());
    }
}
