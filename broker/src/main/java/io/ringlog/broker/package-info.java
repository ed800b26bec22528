/**
 * A Kafka-wire-compatible broker on the log. Depends on log-core.
 */
package io.ringlog.broker;
