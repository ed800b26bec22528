package io.ringlog.broker.storage.logcore;

import io.ringlog.broker.group.CommittedOffset;
import io.ringlog.broker.group.store.GroupLogSettings;
import io.ringlog.broker.group.store.LogGroupStore;
import io.ringlog.broker.storage.PartitionLog;
import io.ringlog.broker.storage.StoreSettings;
import io.ringlog.broker.storage.PartitionLogConfig;
import io.ringlog.broker.topic.PartitionDirectories;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer-group log lives in the data directory next to the partitions: partition discovery must
 * never take it (or its files) for a partition, and no topic's partition directory can be its name.
 */
class GroupLogDirectoryTest {
    private static final PartitionLogConfig SMALL = new PartitionLogConfig(16 * 1024, -1, -1, 4096);

    @TempDir
    Path data;

    @Test
    void partitionDiscoveryShouldIgnoreTheGroupLog() throws Exception {
        Path groups = data.resolve(LogGroupStore.DIRECTORY_NAME);
        GroupLogSettings settings = GroupLogSettings.DEFAULTS.withSizes(64 * 1024, 16 * 1024, 1L << 20);
        try (LogGroupStore store = LogGroupStore.open(groups, settings)) {
            store.commitOffsets("g", List.of(new CommittedOffset("t", 0, 1, -1, "", 0)));
        }
        try (var files = Files.list(groups)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".log")), "the group log has segments");
        }
        LogCorePartitionLogFactory factory = new LogCorePartitionLogFactory(data, StoreSettings.DEFAULTS);
        try {
            // A user topic with the same name is legal; its partitions live elsewhere.
            TopicPartition sameName = new TopicPartition(LogGroupStore.DIRECTORY_NAME, 0);
            try (PartitionLog log = factory.open(sameName, SMALL)) {
                assertEquals(0, log.logEndOffset());
            }
            assertEquals(Set.of(sameName), factory.existingPartitions());
            factory.delete(sameName);
            assertEquals(Set.of(), factory.existingPartitions());
        } finally {
            factory.close();
        }
        // The partition store's open and delete left the group log alone; it can share the store's preparer.
        LogCorePartitionLogFactory again = new LogCorePartitionLogFactory(data, StoreSettings.DEFAULTS);
        try (LogGroupStore store = LogGroupStore.open(groups, settings.withPreparerPool(again.preparerPool()))) {
            assertEquals(1, store.load().offsets().get("g").size());
            store.commitOffsets("g", List.of(new CommittedOffset("t", 1, 1, -1, "", 0)));
            assertEquals(Set.of(), again.existingPartitions());
        } finally {
            again.close();
        }
    }

    @Test
    void noPartitionDirectoryCanBeTheGroupLogsName() {
        assertEquals(Optional.empty(), PartitionDirectories.parse(LogGroupStore.DIRECTORY_NAME));
        // Every partition directory ends in "-<digits>"; the group log's name has no '-'.
        assertEquals(-1, LogGroupStore.DIRECTORY_NAME.indexOf('-'));
        for (String topic : List.of(LogGroupStore.DIRECTORY_NAME, "__ringlog", "__ringlog_groups_", "_")) {
            Path dir = PartitionDirectories.directoryOf(data, new TopicPartition(topic, 0));
            assertNotEquals(LogGroupStore.DIRECTORY_NAME, dir.getFileName().toString());
        }
    }
}
