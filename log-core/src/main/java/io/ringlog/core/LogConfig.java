package io.ringlog.core;

import io.ringlog.io.Alignment;
import io.ringlog.io.FileSystemOps;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of a {@link Log}, built with {@link #builder()}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>segmentBytes</td><td>64 MiB</td><td>size of every segment file, multiple of 4096, at least 16 KiB</td></tr>
 *   <tr><td>durability</td><td>SYNC</td><td>see {@link Durability}</td></tr>
 *   <tr><td>writePath</td><td>auto</td><td>io_uring, pwrite_dsync, filechannel_dsync_direct, filechannel_force or auto</td></tr>
 *   <tr><td>indexIntervalBytes</td><td>4096</td><td>bytes of batches between two sparse index entries</td></tr>
 *   <tr><td>retentionBytes</td><td>-1 (off)</td><td>delete oldest sealed segments while the log is larger</td></tr>
 *   <tr><td>retentionTime</td><td>null (off)</td><td>delete sealed segments whose newest record is older</td></tr>
 *   <tr><td>segmentsPreparedAhead</td><td>2</td><td>zero-filled segment files kept ready by the preparer</td></tr>
 *   <tr><td>maxPendingBytes</td><td>1 MiB</td><td>bytes appended but not yet durable before appenders wait (back-pressure); also the largest single write</td></tr>
 *   <tr><td>maxBatchBytes</td><td>1 MiB</td><td>largest batch accepted (at most maxPendingBytes and segmentBytes)</td></tr>
 *   <tr><td>preparerWait</td><td>30 s</td><td>how long an append waits for a prepared segment before failing</td></tr>
 *   <tr><td>corruptionPolicy</td><td>READ_ONLY</td><td>see {@link CorruptionPolicy}</td></tr>
 *   <tr><td>backendFactory</td><td>null</td><td>custom backend (overrides writePath)</td></tr>
 *   <tr><td>preparerPool</td><td>null (own thread)</td><td>shared background threads for many logs, see {@link SegmentPreparerPool}</td></tr>
 *   <tr><td>lazyPreparation</td><td>false</td><td>prepare the next segment only once the active one is half full (idle logs hold no prepared file)</td></tr>
 *   <tr><td>retiredSegmentDelay</td><td>0</td><td>keep a retired segment's file and read channel this long before recycling it, so zero-copy sends already handed out finish with the right bytes (Kafka's file.delete.delay.ms)</td></tr>
 *   <tr><td>fileSystemOps</td><td>{@link FileSystemOps#real()}</td><td>testing hook: every file-system operation outside the backend (renames, deletes, directory fsyncs, zero-fill, index and checkpoint files) goes through it, so a test can decorate it</td></tr>
 *   <tr><td>retentionCheckInterval</td><td>500 ms</td><td>how often the background thread applies retention; 0 = only when {@link Log#applyRetention()} is called</td></tr>
 * </table>
 *
 * <p>Thread-safety: immutable.
 */
public final class LogConfig {
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    public static final String AUTO = "auto";

    private final long segmentBytes;
    private final Durability durability;
    private final String writePath;
    private final int indexIntervalBytes;
    private final long retentionBytes;
    private final Duration retentionTime;
    private final int segmentsPreparedAhead;
    private final int maxPendingBytes;
    private final int maxBatchBytes;
    private final Duration preparerWait;
    private final CorruptionPolicy corruptionPolicy;
    private final IoBackendFactory backendFactory;
    private final Duration retentionCheckInterval;
    private final Duration retiredSegmentDelay;
    private final boolean lazyPreparation;
    private final SegmentPreparerPool preparerPool;
    private final FileSystemOps fileSystemOps;

    private LogConfig(Builder b) {
        this.segmentBytes = b.segmentBytes;
        this.durability = b.durability;
        this.writePath = b.writePath;
        this.indexIntervalBytes = b.indexIntervalBytes;
        this.retentionBytes = b.retentionBytes;
        this.retentionTime = b.retentionTime;
        this.segmentsPreparedAhead = b.segmentsPreparedAhead;
        this.maxPendingBytes = b.maxPendingBytes;
        this.maxBatchBytes = b.maxBatchBytes;
        this.preparerWait = b.preparerWait;
        this.corruptionPolicy = b.corruptionPolicy;
        this.backendFactory = b.backendFactory;
        this.retentionCheckInterval = b.retentionCheckInterval;
        this.retiredSegmentDelay = b.retiredSegmentDelay;
        this.lazyPreparation = b.lazyPreparation;
        this.preparerPool = b.preparerPool;
        this.fileSystemOps = b.fileSystemOps;
    }

    /** A builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** All defaults. */
    public static LogConfig defaults() {
        return builder().build();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.segmentBytes = segmentBytes;
        b.durability = durability;
        b.writePath = writePath;
        b.indexIntervalBytes = indexIntervalBytes;
        b.retentionBytes = retentionBytes;
        b.retentionTime = retentionTime;
        b.segmentsPreparedAhead = segmentsPreparedAhead;
        b.maxPendingBytes = maxPendingBytes;
        b.maxBatchBytes = maxBatchBytes;
        b.preparerWait = preparerWait;
        b.corruptionPolicy = corruptionPolicy;
        b.backendFactory = backendFactory;
        b.retentionCheckInterval = retentionCheckInterval;
        b.retiredSegmentDelay = retiredSegmentDelay;
        b.lazyPreparation = lazyPreparation;
        b.preparerPool = preparerPool;
        b.fileSystemOps = fileSystemOps;
        return b;
    }

    public long segmentBytes() {
        return segmentBytes;
    }

    public Durability durability() {
        return durability;
    }

    public String writePath() {
        return writePath;
    }

    public int indexIntervalBytes() {
        return indexIntervalBytes;
    }

    public long retentionBytes() {
        return retentionBytes;
    }

    /** Null when time retention is off. */
    public Duration retentionTime() {
        return retentionTime;
    }

    public int segmentsPreparedAhead() {
        return segmentsPreparedAhead;
    }

    public int maxPendingBytes() {
        return maxPendingBytes;
    }

    public int maxBatchBytes() {
        return maxBatchBytes;
    }

    public Duration preparerWait() {
        return preparerWait;
    }

    public CorruptionPolicy corruptionPolicy() {
        return corruptionPolicy;
    }

    /** Null unless a custom backend was configured. */
    public IoBackendFactory backendFactory() {
        return backendFactory;
    }

    /** Null when the log runs its own preparer thread. */
    public SegmentPreparerPool preparerPool() {
        return preparerPool;
    }

    /** Where the log's renames, deletes, directory fsyncs and non-backend writes go; the real file system by default. */
    public FileSystemOps fileSystemOps() {
        return fileSystemOps;
    }

    public boolean lazyPreparation() {
        return lazyPreparation;
    }

    public Duration retiredSegmentDelay() {
        return retiredSegmentDelay;
    }

    /** Zero when retention runs only on {@link Log#applyRetention()}. */
    public Duration retentionCheckInterval() {
        return retentionCheckInterval;
    }

    @Override
    public String toString() {
        return "LogConfig[segmentBytes=" + segmentBytes + ", durability=" + durability + ", writePath=" + writePath
            + ", indexIntervalBytes=" + indexIntervalBytes + ", retentionBytes=" + retentionBytes
            + ", retentionTime=" + retentionTime + ", segmentsPreparedAhead=" + segmentsPreparedAhead
            + ", maxPendingBytes=" + maxPendingBytes + ", maxBatchBytes=" + maxBatchBytes
            + ", lazyPreparation=" + lazyPreparation + ", retiredSegmentDelay=" + retiredSegmentDelay
            + ", retentionCheckInterval=" + retentionCheckInterval + "]";
    }

    /**
     * Builds a {@link LogConfig}; {@link #build()} checks every value.
     *
     * <p>Thread-safety: not thread-safe.
     */
    public static final class Builder {
        private long segmentBytes = DEFAULT_SEGMENT_BYTES;
        private Durability durability = Durability.SYNC;
        private String writePath = AUTO;
        private int indexIntervalBytes = 4096;
        private long retentionBytes = -1;
        private Duration retentionTime;
        private int segmentsPreparedAhead = 2;
        private int maxPendingBytes = 1 << 20;
        private int maxBatchBytes = 1 << 20;
        private Duration preparerWait = Duration.ofSeconds(30);
        private CorruptionPolicy corruptionPolicy = CorruptionPolicy.READ_ONLY;
        private IoBackendFactory backendFactory;
        private SegmentPreparerPool preparerPool;
        private FileSystemOps fileSystemOps = FileSystemOps.real();
        private boolean lazyPreparation;
        private Duration retiredSegmentDelay = Duration.ZERO;
        private Duration retentionCheckInterval = Duration.ofMillis(500);

        private Builder() {
        }

        public Builder segmentBytes(long v) {
            segmentBytes = v;
            return this;
        }

        public Builder durability(Durability v) {
            durability = Objects.requireNonNull(v, "durability");
            return this;
        }

        /** A backend name ({@code io_uring}, {@code pwrite_dsync}, {@code filechannel_dsync_direct}, {@code filechannel_force}) or {@code auto}. */
        public Builder writePath(String v) {
            writePath = Objects.requireNonNull(v, "writePath");
            return this;
        }

        public Builder indexIntervalBytes(int v) {
            indexIntervalBytes = v;
            return this;
        }

        /** -1 turns size retention off. */
        public Builder retentionBytes(long v) {
            retentionBytes = v;
            return this;
        }

        /** Null turns time retention off. */
        public Builder retentionTime(Duration v) {
            retentionTime = v;
            return this;
        }

        public Builder segmentsPreparedAhead(int v) {
            segmentsPreparedAhead = v;
            return this;
        }

        public Builder maxPendingBytes(int v) {
            maxPendingBytes = v;
            return this;
        }

        public Builder maxBatchBytes(int v) {
            maxBatchBytes = v;
            return this;
        }

        public Builder preparerWait(Duration v) {
            preparerWait = Objects.requireNonNull(v, "preparerWait");
            return this;
        }

        public Builder corruptionPolicy(CorruptionPolicy v) {
            corruptionPolicy = Objects.requireNonNull(v, "corruptionPolicy");
            return this;
        }

        public Builder backendFactory(IoBackendFactory v) {
            backendFactory = v;
            return this;
        }

        /** Shared background threads instead of one per log; null = own thread. The pool outlives the log. */
        public Builder preparerPool(SegmentPreparerPool v) {
            preparerPool = v;
            return this;
        }

        /**
         * Testing hook: the file-system operations outside the backend go through {@code v} (a test
         * decorates {@link FileSystemOps#real()}, e.g. to simulate power loss). Default: the real file system.
         */
        public Builder fileSystemOps(FileSystemOps v) {
            fileSystemOps = Objects.requireNonNull(v, "fileSystemOps");
            return this;
        }

        /** True: prepare the next segment only once the active one is half full (or an append waits). */
        public Builder lazyPreparation(boolean v) {
            lazyPreparation = v;
            return this;
        }

        /** How long a retired segment stays readable (by sends already handed out) before recycling. */
        public Builder retiredSegmentDelay(Duration v) {
            retiredSegmentDelay = Objects.requireNonNull(v, "retiredSegmentDelay");
            return this;
        }

        /** Period of the background retention check; zero = only {@link Log#applyRetention()}. */
        public Builder retentionCheckInterval(Duration v) {
            retentionCheckInterval = Objects.requireNonNull(v, "retentionCheckInterval");
            return this;
        }

        public LogConfig build() {
            require(!retiredSegmentDelay.isNegative() && !retentionCheckInterval.isNegative(),
                "retiredSegmentDelay and retentionCheckInterval must not be negative");
            require(segmentBytes >= 16 * 1024 && Alignment.isAligned(segmentBytes) && segmentBytes <= Integer.MAX_VALUE,
                "segmentBytes must be a multiple of 4096 in [16 KiB, 2 GiB), got " + segmentBytes);
            require(indexIntervalBytes > 0, "indexIntervalBytes must be positive, got " + indexIntervalBytes);
            require(retentionBytes == -1 || retentionBytes >= 0, "retentionBytes must be -1 or >= 0, got " + retentionBytes);
            require(retentionTime == null || !retentionTime.isNegative(), "retentionTime must not be negative");
            require(segmentsPreparedAhead >= 1 && segmentsPreparedAhead <= 64,
                "segmentsPreparedAhead must be in [1, 64], got " + segmentsPreparedAhead);
            require(maxPendingBytes >= 8192 && maxPendingBytes <= (1 << 30),
                "maxPendingBytes must be in [8 KiB, 1 GiB], got " + maxPendingBytes);
            require(maxBatchBytes >= 64 && maxBatchBytes <= maxPendingBytes && maxBatchBytes <= segmentBytes,
                "maxBatchBytes must be in [64, min(maxPendingBytes, segmentBytes)], got " + maxBatchBytes);
            return new LogConfig(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
