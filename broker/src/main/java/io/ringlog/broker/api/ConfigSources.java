package io.ringlog.broker.api;

import org.apache.kafka.common.requests.DescribeConfigsResponse;

/**
 * The DescribeConfigs/CreateTopics config source codes ringlog reports.
 *
 * <p>Thread-safety: constants only.
 */
final class ConfigSources {
    static final byte TOPIC = DescribeConfigsResponse.ConfigSource.TOPIC_CONFIG.id();
    static final byte STATIC_BROKER = DescribeConfigsResponse.ConfigSource.STATIC_BROKER_CONFIG.id();
    static final byte DEFAULT = DescribeConfigsResponse.ConfigSource.DEFAULT_CONFIG.id();

    private ConfigSources() {
    }
}
