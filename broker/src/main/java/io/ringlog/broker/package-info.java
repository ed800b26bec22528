/**
 * A Kafka-wire-compatible broker on the log: {@link io.ringlog.broker.Broker} wires the socket server
 * ({@code network}), the Kafka API handlers ({@code api}, kafka-clients message classes only), the
 * topics and partitions ({@code topic}) and the storage interface ({@code storage}) that the log-core
 * adapter implements. See docs/broker.md.
 */
package io.ringlog.broker;
