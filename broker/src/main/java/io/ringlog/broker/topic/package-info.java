/**
 * Topics and partitions over a {@code PartitionLogFactory}: name rules, topic configs, batch
 * validation, idempotent-producer state and the per-partition serial append order.
 */
package io.ringlog.broker.topic;
