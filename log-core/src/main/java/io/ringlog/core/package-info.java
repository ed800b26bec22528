/**
 * The segmented durable log (embedded WAL): segments of Kafka RecordBatch v2, group commit, indexes, readers, recovery and retention. Depends on log-io only.
 */
package io.ringlog.core;
