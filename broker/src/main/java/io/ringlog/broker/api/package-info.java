/**
 * The Kafka APIs: request parsing, routing, one handler per API and response serialisation, all with
 * the kafka-clients message classes; {@link io.ringlog.broker.api.SupportedApis} is the advertised set.
 */
package io.ringlog.broker.api;
