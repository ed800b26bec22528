package io.ringlog.broker.topic;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PartitionDirectoriesTest {
    private final Path data = Path.of("/var/lib/ringlog");

    @Test
    void shouldNamePartitionDirectoriesLikeKafka() {
        assertEquals(Path.of("/var/lib/ringlog/orders-3"), PartitionDirectories.directoryOf(data, new TopicPartition("orders", 3)));
        assertEquals(Optional.of(new TopicPartition("my-topic", 12)), PartitionDirectories.parse("my-topic-12"));
    }

    @Test
    void shouldNeverResolveOutsideTheDataDirectory() {
        for (String name : new String[]{"..", ".", "../etc", "a/b", ""}) {
            assertThrows(InvalidTopicException.class, () -> PartitionDirectories.directoryOf(data, new TopicPartition(name, 0)), name);
        }
        assertThrows(InvalidTopicException.class, () -> PartitionDirectories.directoryOf(data, new TopicPartition("t", -1)));
    }

    @Test
    void shouldIgnoreDirectoriesThatAreNotPartitions() {
        for (String name : new String[]{"lost+found", "topic", "topic-", "-1", "topic-x", "topic-99999999999", "..-0"}) {
            assertEquals(Optional.empty(), PartitionDirectories.parse(name), name);
        }
    }
}
