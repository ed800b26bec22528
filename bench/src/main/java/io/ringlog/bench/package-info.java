/**
 * The durable-latency benchmark suite ({@code ringlog bench}) and JMH micro-benchmarks.
 */
package io.ringlog.bench;
