package io.ringlog.broker.topic;

import org.apache.kafka.common.Uuid;

import java.util.List;

/**
 * A topic: name, id (random per broker run, advertised in Metadata), settings and partitions.
 *
 * <p>Thread-safety: immutable; its {@link Partition}s are thread-safe.
 */
public record Topic(String name, Uuid id, TopicConfig config, List<Partition> partitions) {
    public Topic {
        partitions = List.copyOf(partitions);
    }
}
