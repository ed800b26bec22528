package io.ringlog.broker.storage.logcore;

import java.time.Duration;

/**
 * Store-wide settings of the log-core store, the same for every partition (the per-topic ones come in
 * {@link io.ringlog.broker.storage.PartitionLogConfig}). Defaults are chosen for many partitions on one
 * small machine; docs/broker.md ("Storage: resources per partition") has the arithmetic.
 *
 * <p>Thread-safety: immutable.
 *
 * @param writePath             log-core write path ({@code auto} measures once per device and process)
 * @param maxPendingBytes       bytes a partition may have appended but not yet durable; sizes its two
 *                              tail buffers (raised to the partition's largest batch when that is bigger)
 * @param preparerThreads       shared threads for segment preparation, index writing and recycling
 * @param retiredSegmentDelay   how long a retired segment stays readable for sends already handed out
 *                              (Kafka's {@code file.delete.delay.ms}, 60 s)
 * @param registeredBytesBudget io_uring registered (pinned) memory for all partitions together; the
 *                              partitions opened first get registered tail buffers until it is used up,
 *                              the rest write with plain WRITE (RLIMIT_MEMLOCK is 8 MiB per user here)
 */
public record StoreSettings(String writePath, int maxPendingBytes, int preparerThreads, Duration retiredSegmentDelay,
                            long registeredBytesBudget) {

    /** System property overriding {@link #writePath}. */
    public static final String WRITE_PATH_PROPERTY = "ringlog.store.writePath";

    /** auto, 256 KiB pending, 1 preparer thread, 60 s delay, 4 MiB registered. */
    public static final StoreSettings DEFAULTS = new StoreSettings("auto", 256 * 1024, 1, Duration.ofSeconds(60),
        4L << 20);

    public StoreSettings {
        if (maxPendingBytes < 8192 || preparerThreads < 1 || retiredSegmentDelay.isNegative() || registeredBytesBudget < 0) {
            throw new IllegalArgumentException("bad store settings: maxPendingBytes " + maxPendingBytes + ", preparerThreads "
                + preparerThreads + ", retiredSegmentDelay " + retiredSegmentDelay + ", registeredBytesBudget "
                + registeredBytesBudget);
        }
    }

    /** The defaults with {@value #WRITE_PATH_PROPERTY} applied. */
    public static StoreSettings fromSystemProperties() {
        String path = System.getProperty(WRITE_PATH_PROPERTY, DEFAULTS.writePath());
        return DEFAULTS.withWritePath(path);
    }

    public StoreSettings withWritePath(String value) {
        return new StoreSettings(value, maxPendingBytes, preparerThreads, retiredSegmentDelay, registeredBytesBudget);
    }

    public StoreSettings withRetiredSegmentDelay(Duration value) {
        return new StoreSettings(writePath, maxPendingBytes, preparerThreads, value, registeredBytesBudget);
    }
}
