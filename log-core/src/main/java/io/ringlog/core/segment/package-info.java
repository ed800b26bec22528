/**
 * Segment files and their derived data: naming, sparse offset and time indexes, the background
 * preparer (zero-fill and recycle), recovery scanning, checkpoints. Internal to log-core: public only so
 * that {@code io.ringlog.core} and the tools can use it; embedders and the broker use {@link io.ringlog.core.Log}.
 */
package io.ringlog.core.segment;
