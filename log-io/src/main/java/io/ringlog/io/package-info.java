/**
 * Native durable I/O through FFM: the {@link io.ringlog.io.DurableFile} write interface, its backends (io_uring, pwritev2 RWF_DSYNC, JDK FileChannel), aligned memory, the capability probe and auto-selection. Depends on nothing else in ringlog.
 */
package io.ringlog.io;
