/**
 * Kafka RecordBatch v2 (magic 2): layout descriptors, zigzag varints, encoder, validator and read-only
 * views. Usable on its own (the broker may use it to inspect batches); no dependency on the log.
 */
package io.ringlog.core.format;
