package io.ringlog.broker.topic;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileTopicMetadataStoreTest {

    @Test
    void shouldRoundTripReplaceAndDeleteRecords(@TempDir Path dir) throws Exception {
        FileTopicMetadataStore store = new FileTopicMetadataStore(dir);
        Uuid id = Uuid.randomUuid();
        store.save(new TopicMetadataStore.TopicRecord("orders", id, 3, Map.of("retention.ms", "1000")));
        store.save(new TopicMetadataStore.TopicRecord("orders", id, 4, Map.of()));
        store.save(new TopicMetadataStore.TopicRecord("other", Uuid.randomUuid(), 1, Map.of()));
        FileTopicMetadataStore reopened = new FileTopicMetadataStore(dir);
        assertEquals(new TopicMetadataStore.TopicRecord("orders", id, 4, Map.of()), reopened.load().get("orders"));
        reopened.delete("orders");
        reopened.delete("orders");
        assertEquals(java.util.Set.of("other"), reopened.load().keySet());
        assertFalse(Files.exists(dir.resolve(FileTopicMetadataStore.DIRECTORY).resolve("orders.properties.tmp")));
    }

    @Test
    void shouldIgnoreLeftoverTemporaryFilesAndLoadNothingFromAnEmptyDirectory(@TempDir Path dir) throws Exception {
        FileTopicMetadataStore store = new FileTopicMetadataStore(dir);
        assertTrue(store.load().isEmpty());
        Files.createDirectories(dir.resolve(FileTopicMetadataStore.DIRECTORY));
        Files.writeString(dir.resolve(FileTopicMetadataStore.DIRECTORY).resolve("torn.properties.tmp"), "topic.id=");
        assertTrue(store.load().isEmpty());
    }
}
