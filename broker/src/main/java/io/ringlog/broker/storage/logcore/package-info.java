/**
 * The durable store of the broker: the {@link io.ringlog.broker.storage.PartitionLog} contract over
 * log-core's {@code Log}, one directory per partition, shared background threads and a shared io_uring
 * memory budget (see docs/broker.md, "Durable store").
 */
package io.ringlog.broker.storage.logcore;
