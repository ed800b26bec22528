/**
 * The durable consumer-group store: {@link io.ringlog.broker.group.store.LogGroupStore}, a log-core log of
 * our own versioned records ({@link io.ringlog.broker.group.store.GroupLogFormat}) in
 * {@code <dataDir>/__ringlog_groups}, replayed on open and compacted by snapshot (docs/on-disk-format.md,
 * "Consumer group log").
 */
package io.ringlog.broker.group.store;
