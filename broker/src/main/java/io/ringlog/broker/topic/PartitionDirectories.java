package io.ringlog.broker.topic;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTopicException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The on-disk naming of partitions, for durable {@link io.ringlog.broker.storage.PartitionLogFactory}
 * implementations: partition {@code p} of topic {@code t} lives in {@code <dataDir>/t-p}, as in Kafka.
 * The name is validated here again, and the resolved path is checked to be a direct child of the
 * data directory, so no topic name can reach outside it whatever the caller forgot.
 *
 * <p>Thread-safety: stateless.
 */
public final class PartitionDirectories {
    private PartitionDirectories() {
    }

    /**
     * @throws InvalidTopicException if the topic name is illegal or the partition negative
     */
    public static Path directoryOf(Path dataDir, TopicPartition tp) {
        TopicNames.validate(tp.topic());
        if (tp.partition() < 0) {
            throw new InvalidTopicException("negative partition " + tp.partition());
        }
        Path base = dataDir.toAbsolutePath().normalize();
        Path dir = base.resolve(tp.topic() + "-" + tp.partition()).normalize();
        if (!base.equals(dir.getParent())) {
            throw new InvalidTopicException("partition directory " + dir + " would lie outside " + base);
        }
        return dir;
    }

    /** The partition a directory name stands for, or empty when it is not a partition directory. */
    public static Optional<TopicPartition> parse(String directoryName) {
        int dash = directoryName.lastIndexOf('-');
        if (dash <= 0 || dash == directoryName.length() - 1) {
            return Optional.empty();
        }
        String digits = directoryName.substring(dash + 1);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 9) {
            return Optional.empty();
        }
        String topic = directoryName.substring(0, dash);
        return TopicNames.isValid(topic) ? Optional.of(new TopicPartition(topic, Integer.parseInt(digits))) : Optional.empty();
    }
}
