package io.ringlog.broker.group.store;

import io.ringlog.broker.group.GroupStore;
import io.ringlog.broker.group.GroupStoreState;
import io.ringlog.core.Log;
import io.ringlog.core.LogConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.ringlog.broker.group.store.GroupStates.assertSameState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crash at every step of a compaction (simulated): the compaction's steps are run by hand on the log,
 * and the directory is copied while the log is still open, after each step. The copy is what a kill -9
 * at that moment leaves (every append was durable on return; no clean-shutdown marker). Each copy must
 * replay to the state before the compaction, with and without a compaction at open.
 */
class GroupLogCompactionCrashTest {
    private static final int MAX_BATCH = 8 * 1024;
    private static final GroupLogSettings NEVER_COMPACT = TestSettings.COMPACTING.withSizes(16 * 1024, MAX_BATCH, 1L << 30);

    @TempDir
    Path data;

    @Test
    void aCrashAtAnyStepOfACompactionShouldReplayToTheSameState() throws Exception {
        Path history = data.resolve("history");
        GroupStore reference = GroupStore.inMemory();
        try (LogGroupStore store = LogGroupStore.open(history, NEVER_COMPACT)) {
            RandomOps ops = new RandomOps(RandomOps.seed("compactionCrash"), "group-", 40);
            for (int i = 0; i < 700; i++) {
                ops.next(store, reference);
            }
        }
        GroupStoreState expected = reference.load();
        LogConfig config = NEVER_COMPACT.logConfig(null);
        List<Path> crashImages = new java.util.ArrayList<>();
        long snapshotStart;
        try (Log log = Log.open(history, config)) {
            LiveGroupState state = GroupLogReplay.replay(log).state();
            List<List<EncodedRecord>> batches = GroupLogCompactor.snapshotBatches(state, MAX_BATCH);
            assertTrue(batches.size() >= 3, "the snapshot spans several batches: " + batches.size());
            snapshotStart = log.endOffset();
            crashImages.add(copy(history, "before-the-snapshot"));
            for (int k = 0; k < batches.size(); k++) {
                log.append(GroupLogCompactor.toLogRecords(batches.get(k), System.currentTimeMillis()));
                crashImages.add(copy(history, "after-snapshot-batch-" + (k + 1)));
            }
            log.deleteRecordsBefore(snapshotStart);
            crashImages.add(copy(history, "after-the-start-moved"));
        }
        for (Path image : crashImages) {
            try (LogGroupStore store = LogGroupStore.open(image, NEVER_COMPACT)) {
                assertSameState(expected, store.load());
                boolean startMoved = image.getFileName().toString().equals("after-the-start-moved");
                assertEquals(startMoved ? snapshotStart : 0, store.log().startOffset(), image.getFileName().toString());
            }
            try (LogGroupStore store = LogGroupStore.open(image, TestSettings.COMPACTING)) {
                assertSameState(expected, store.load()); // compacts again at open when the log is still large
            }
            try (LogGroupStore store = LogGroupStore.open(image, TestSettings.COMPACTING)) {
                assertSameState(expected, store.load());
            }
        }
    }

    /** A copy of the log directory as it is on disk right now (the log stays open). */
    private Path copy(Path dir, String name) throws IOException {
        Path target = data.resolve(name);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, target.resolve(f.getFileName()));
                }
            }
        }
        return target;
    }
}
