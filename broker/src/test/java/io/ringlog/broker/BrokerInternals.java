package io.ringlog.broker;

import io.ringlog.broker.topic.TopicManager;

/** Test-only access to a running broker's internals from other test packages. */
public final class BrokerInternals {
    private BrokerInternals() {
    }

    /** The broker's topic manager (null before start). */
    public static TopicManager topics(Broker broker) {
        return broker.topics();
    }
}
