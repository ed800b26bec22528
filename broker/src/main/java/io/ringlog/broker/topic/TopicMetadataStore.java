package io.ringlog.broker.topic;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the broker keeps what a topic is beyond its partition logs: its id, partition count and
 * topic-level config overrides, so a restart brings back the same topic ids (clients address topics
 * by id from Produce 13 / Fetch 13 on) and the same settings.
 *
 * <p>Thread-safety: implementations must be thread-safe; the {@link TopicManager} calls them under
 * its lock.
 */
public interface TopicMetadataStore {

    /** One topic's metadata. Immutable. */
    record TopicRecord(String name, Uuid id, int partitions, Map<String, String> configs) {
        public TopicRecord {
            configs = Map.copyOf(configs);
        }
    }

    /** Every stored topic by name. */
    Map<String, TopicRecord> load() throws IOException;

    /** Stores (or replaces) a topic's record durably before returning. */
    void save(TopicRecord topic) throws IOException;

    /** Forgets a topic; forgetting an unknown topic is a no-op. */
    void delete(String topic) throws IOException;

    /** A store that keeps records in memory only, for tests (share one instance to "restart"). */
    static TopicMetadataStore inMemory() {
        Map<String, TopicRecord> records = new ConcurrentHashMap<>();
        return new TopicMetadataStore() {
            @Override
            public Map<String, TopicRecord> load() {
                return Map.copyOf(records);
            }

            @Override
            public void save(TopicRecord topic) {
                records.put(topic.name(), topic);
            }

            @Override
            public void delete(String topic) {
                records.remove(topic);
            }
        };
    }
}
