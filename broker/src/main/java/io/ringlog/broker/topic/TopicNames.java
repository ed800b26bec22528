package io.ringlog.broker.topic;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

/**
 * Kafka's topic name rules: 1 to 249 characters from {@code [a-zA-Z0-9._-]}, not "." or "..".
 * Because '/' and '\' are not legal and "."/".." are refused, {@code <topic>-<partition>} is always a
 * single path element inside the data directory.
 *
 * <p>Thread-safety: stateless.
 */
public final class TopicNames {
    private TopicNames() {
    }

    /**
     * @throws InvalidTopicException naming the rule that was broken
     */
    public static void validate(String name) {
        if (name == null) {
            throw new InvalidTopicException("Topic name is null");
        }
        Topic.validate(name);
    }

    /** True when {@link #validate} would accept the name. */
    public static boolean isValid(String name) {
        try {
            validate(name);
            return true;
        } catch (InvalidTopicException e) {
            return false;
        }
    }
}
