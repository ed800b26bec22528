package io.ringlog.broker.group.store;

import io.ringlog.broker.group.CommittedOffset;
import io.ringlog.broker.group.GroupStore;
import io.ringlog.broker.group.GroupStoreException;
import io.ringlog.broker.group.GroupStoreState;
import io.ringlog.core.Log;
import io.ringlog.core.LogReader;
import io.ringlog.core.format.BatchView;
import io.ringlog.core.format.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.ringlog.broker.group.store.GroupStates.assertSameState;
import static io.ringlog.broker.group.store.GroupStates.offset;
import static io.ringlog.broker.group.store.GroupStates.snapshot;
import static io.ringlog.broker.group.store.GroupStates.tp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LogGroupStore} beyond the shared contract: batching, compaction, corrupt records, misuse. */
class LogGroupStoreTest {
    /** Small segments like COMPACTING, but compaction never runs. */
    private static final GroupLogSettings NEVER_COMPACT = TestSettings.COMPACTING.withSizes(16 * 1024, 8 * 1024, 1L << 30);

    @TempDir
    Path data;

    private Path dir() {
        return data.resolve(LogGroupStore.DIRECTORY_NAME);
    }

    @Test
    void aCommitOfManyPartitionsShouldBeOneBatch() throws Exception {
        List<CommittedOffset> offsets = new ArrayList<>();
        for (int p = 0; p < 60; p++) {
            offsets.add(offset("t", p, p));
        }
        try (LogGroupStore store = LogGroupStore.open(dir(), TestSettings.SMALL)) {
            store.commitOffsets("g", offsets);
            store.storeGroup(snapshot("g", 1, 2));
            store.deleteGroup("g");
            try (LogReader reader = store.log().reader(0)) {
                assertEquals(60, reader.nextBatch().recordCount(), "the 60 offsets: one batch");
                assertEquals(1, reader.nextBatch().recordCount(), "the snapshot");
                BatchView delete = reader.nextBatch();
                assertEquals(1, delete.recordCount(), "deleteGroup: one record whatever the group held");
                assertNull(reader.nextBatch());
            }
        }
    }

    @Test
    void compactionAtOpenShouldKeepTheStateAndMoveTheLogStart() throws Exception {
        GroupStoreState expected;
        int segmentsBefore;
        try (LogGroupStore store = LogGroupStore.open(dir(), NEVER_COMPACT)) {
            GroupStore reference = GroupStore.inMemory();
            RandomOps ops = new RandomOps(RandomOps.seed("compactionAtOpen"), "g", 6);
            for (int i = 0; i < 500; i++) {
                ops.next(store, reference);
            }
            expected = reference.load();
            assertSameState(expected, store.load());
            assertEquals(0, store.compactions());
            segmentsBefore = store.log().segments().size();
        }
        long start;
        try (LogGroupStore store = LogGroupStore.open(dir(), TestSettings.COMPACTING)) {
            assertEquals(1, store.compactions());
            start = store.log().startOffset();
            assertTrue(start > 0, "the log start moved to the snapshot");
            assertTrue(store.log().segments().size() < segmentsBefore,
                store.log().segments().size() + " segments after compaction, " + segmentsBefore + " before");
            assertTrue(store.logBytes() < TestSettings.COMPACTING.minCompactionBytes(), "log bytes " + store.logBytes());
            assertSameState(expected, store.load());
        }
        try (LogGroupStore store = LogGroupStore.open(dir(), TestSettings.COMPACTING)) {
            assertEquals(0, store.compactions(), "nothing to compact right after a compaction");
            assertEquals(start, store.log().startOffset());
            assertSameState(expected, store.load());
        }
    }

    @Test
    void compactionDuringWritesShouldKeepTheLogSmallAndTheStateExact() throws Exception {
        GroupStore reference = GroupStore.inMemory();
        try (LogGroupStore store = LogGroupStore.open(dir(), TestSettings.COMPACTING)) {
            RandomOps ops = new RandomOps(RandomOps.seed("compactionDuringWrites"), "g", 5);
            for (int i = 0; i < 1200; i++) {
                ops.next(store, reference);
                assertTrue(store.log().segments().size() <= 8, "segments at op " + i + ": " + store.log().segments().size());
            }
            assertTrue(store.compactions() >= 2, "compactions: " + store.compactions());
            assertSameState(reference.load(), store.load());
        }
        try (LogGroupStore store = LogGroupStore.open(dir(), TestSettings.COMPACTING)) {
            assertSameState(reference.load(), store.load());
        }
    }

    @Test
    void aRecordThatDoesNotDecodeShouldStopTheOpenNamingItsOffset() throws Exception {
        try (LogGroupStore store = LogGroupStore.open(dir(), TestSettings.SMALL)) {
            store.commitOffsets("g", List.of(offset("t", 0, 1), offset("t", 1, 2)));
        }
        try (Log log = Log.open(dir(), TestSettings.SMALL.logConfig(null))) {
            assertEquals(2, log.append(List.of(LogRecord.of(new byte[]{9, 9, 9}, null, 0))));
        }
        GroupStoreException e = assertThrows(GroupStoreException.class, () -> LogGroupStore.open(dir(), TestSettings.SMALL));
        assertTrue(e.getMessage().contains("record at offset 2") && e.getMessage().contains("refusing to open"), e.getMessage());
        // The failed open released the directory: the log can be repaired and the store opened again.
        try (Log log = Log.open(dir(), TestSettings.SMALL.logConfig(null))) {
            log.truncateTo(2);
        }
        try (LogGroupStore store = LogGroupStore.open(dir(), TestSettings.SMALL)) {
            assertEquals(2, store.load().offsets().get("g").size());
        }
    }

    @Test
    void aClosedStoreShouldRefuseEveryCall() throws Exception {
        LogGroupStore store = LogGroupStore.open(dir(), TestSettings.SMALL);
        store.close();
        store.close();
        List<Executable> calls = List.of(store::load, () -> store.commitOffsets("g", List.of(offset("t", 0, 1))),
            () -> store.deleteOffsets("g", List.of(tp("t", 0))), () -> store.storeGroup(snapshot("g", 1, 1)),
            () -> store.deleteGroup("g"));
        for (Executable call : calls) {
            GroupStoreException e = assertThrows(GroupStoreException.class, call::run);
            assertTrue(e.getMessage().contains("is closed") && e.getMessage().contains(dir().toString()), e.getMessage());
        }
    }

    private interface Executable {
        void run() throws Exception;
    }

    @Test
    void aWriteLargerThanTheLargestBatchShouldFailWholeAndChangeNothing() throws Exception {
        List<CommittedOffset> many = new ArrayList<>();
        for (int p = 0; p < 400; p++) {
            many.add(offset("a-topic-with-a-long-name", p, p)); // ~80 bytes each: 32 KiB > 16 KiB
        }
        try (LogGroupStore store = LogGroupStore.open(dir(), TestSettings.SMALL)) {
            GroupStoreException e = assertThrows(GroupStoreException.class, () -> store.commitOffsets("g", many));
            assertTrue(e.getMessage().contains("over the largest write of 16384 bytes"), e.getMessage());
            store.commitOffsets("g", many.subList(0, 10));
            assertEquals(10, store.load().offsets().get("g").size());
        }
        try (LogGroupStore store = LogGroupStore.open(dir(), TestSettings.SMALL)) {
            assertEquals(10, store.load().offsets().get("g").size());
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryShouldFail() throws Exception {
        try (LogGroupStore store = LogGroupStore.open(dir(), TestSettings.SMALL)) {
            GroupStoreException e = assertThrows(GroupStoreException.class, () -> LogGroupStore.open(dir(), TestSettings.SMALL));
            assertTrue(e.getMessage().contains("cannot open the group log in " + dir()), e.getMessage());
            store.commitOffsets("g", List.of(offset("t", 0, 1)));
        }
    }

    @Test
    void concurrentWritersForDifferentGroupsShouldAllBeDurable() throws Exception {
        int threads = 4;
        long seed = RandomOps.seed("concurrentWriters");
        List<GroupStore> references = new ArrayList<>();
        try (LogGroupStore store = LogGroupStore.open(dir(), TestSettings.COMPACTING)) {
            List<Thread> workers = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                GroupStore reference = GroupStore.inMemory();
                references.add(reference);
                RandomOps ops = new RandomOps(seed + t, "thread" + t + "-g", 3);
                workers.add(Thread.ofPlatform().name("writer-" + t).start(() -> {
                    try {
                        for (int i = 0; i < 250; i++) {
                            ops.next(store, reference);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread w : workers) {
                w.join();
            }
            assertEquals(List.of(), failures);
            assertSameState(merged(references), store.load());
            System.out.println("concurrent writers: " + store.compactions() + " compactions");
        }
        try (LogGroupStore store = LogGroupStore.open(dir(), TestSettings.COMPACTING)) {
            assertSameState(merged(references), store.load());
        }
    }

    /** One state from references that hold disjoint groups. */
    private static GroupStoreState merged(List<GroupStore> references) throws GroupStoreException {
        var groups = new java.util.HashMap<String, io.ringlog.broker.group.GroupSnapshot>();
        var offsets = new java.util.HashMap<String, java.util.Map<org.apache.kafka.common.TopicPartition, CommittedOffset>>();
        for (GroupStore r : references) {
            groups.putAll(r.load().groups());
            offsets.putAll(r.load().offsets());
        }
        return new GroupStoreState(groups, offsets);
    }
}
