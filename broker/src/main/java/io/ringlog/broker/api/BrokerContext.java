package io.ringlog.broker.api;

import io.ringlog.broker.BrokerConfig;
import io.ringlog.broker.group.GroupCoordinator;
import io.ringlog.broker.topic.TopicManager;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What request handlers share: settings, topics, the group coordinator, the I/O pool for blocking work, a timer for
 * long-poll deadlines and the identity this broker advertises.
 *
 * <p>Thread-safety: immutable holder of thread-safe parts.
 *
 * @param advertisedHost host clients are told to connect to
 * @param advertisedPort port clients are told to connect to
 */
public record BrokerContext(BrokerConfig config, TopicManager topics, GroupCoordinator groups, ExecutorService ioPool,
                            ScheduledExecutorService timer, String clusterId, String advertisedHost, int advertisedPort) {
    /** The single node's id: controller, leader and only replica of every partition. */
    public static final int NODE_ID = 0;
}
