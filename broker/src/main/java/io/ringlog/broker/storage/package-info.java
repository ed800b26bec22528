/**
 * The broker's storage contract ({@link io.ringlog.broker.storage.PartitionLog},
 * {@link io.ringlog.broker.storage.PartitionLogFactory}, the service-loaded
 * {@link io.ringlog.broker.storage.PartitionLogFactoryProvider}) and the non-durable in-memory
 * store used by tests.
 */
package io.ringlog.broker.storage;
