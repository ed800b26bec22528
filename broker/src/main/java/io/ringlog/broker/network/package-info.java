/**
 * NIO socket server: one acceptor, a fixed set of selector threads, size-prefixed frames checked
 * before allocation, per-connection in-order responses, per-connection and broker-wide back-pressure.
 * Knows nothing about Kafka messages beyond {@code Send}.
 */
package io.ringlog.broker.network;
