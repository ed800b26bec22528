package io.ringlog.broker.storage;

import io.ringlog.io.BackendKind;

import java.time.Duration;

/**
 * Store-wide settings of the durable store, the same for every partition (the per-topic ones come in
 * {@link PartitionLogConfig}). The broker builds them from its config keys
 * ({@code BrokerConfig#storeSettings()}, table in docs/broker.md) and hands them to
 * {@link PartitionLogFactoryProvider#open}. Defaults are chosen for many partitions on one small
 * machine; docs/broker.md ("Resources per partition") has the arithmetic.
 *
 * <p>Thread-safety: immutable.
 *
 * @param writePath             log-core write path: {@code auto} (measure once per data directory) or a
 *                              {@link BackendKind} name such as {@code pwrite_dsync}
 * @param maxPendingBytes       bytes a partition may have appended but not yet durable; sizes its two
 *                              tail buffers (raised to the partition's largest batch when that is bigger)
 * @param preparerThreads       shared threads for segment preparation, index writing and recycling
 * @param retiredSegmentDelay   how long a retired segment stays readable for sends already handed out
 *                              (Kafka's {@code log.segment.delete.delay.ms}, 60 s)
 * @param registeredBytesBudget io_uring registered (pinned) memory for all partitions together; the
 *                              partitions opened first get registered tail buffers until it is used up,
 *                              the rest write with plain WRITE (RLIMIT_MEMLOCK is 8 MiB per user here)
 */
public record StoreSettings(String writePath, int maxPendingBytes, int preparerThreads, Duration retiredSegmentDelay,
                            long registeredBytesBudget) {

    /** The value of {@link #writePath} that calibrates once per data directory. */
    public static final String AUTO = "auto";
    /** Smallest {@link #maxPendingBytes}: two 4 KiB blocks. */
    public static final int MIN_PENDING_BYTES = 8192;

    /** auto, 256 KiB pending, 1 preparer thread, 60 s delay, 4 MiB registered. */
    public static final StoreSettings DEFAULTS = new StoreSettings(AUTO, 256 * 1024, 1, Duration.ofSeconds(60),
        4L << 20);

    /** @throws IllegalArgumentException naming the first bad field */
    public StoreSettings {
        checkWritePath(writePath);
        if (maxPendingBytes < MIN_PENDING_BYTES) {
            throw new IllegalArgumentException("maxPendingBytes must be >= " + MIN_PENDING_BYTES + ", got " + maxPendingBytes);
        }
        if (preparerThreads < 1) {
            throw new IllegalArgumentException("preparerThreads must be >= 1, got " + preparerThreads);
        }
        if (retiredSegmentDelay.isNegative()) {
            throw new IllegalArgumentException("retiredSegmentDelay must be >= 0, got " + retiredSegmentDelay);
        }
        if (registeredBytesBudget < 0) {
            throw new IllegalArgumentException("registeredBytesBudget must be >= 0, got " + registeredBytesBudget);
        }
    }

    /** @throws IllegalArgumentException unless {@code value} is {@code auto} or a write path name */
    public static void checkWritePath(String value) {
        if (!AUTO.equalsIgnoreCase(value)) {
            BackendKind.fromExternalName(value);
        }
    }

    public StoreSettings withWritePath(String value) {
        return new StoreSettings(value, maxPendingBytes, preparerThreads, retiredSegmentDelay, registeredBytesBudget);
    }

    public StoreSettings withRetiredSegmentDelay(Duration value) {
        return new StoreSettings(writePath, maxPendingBytes, preparerThreads, value, registeredBytesBudget);
    }
}
