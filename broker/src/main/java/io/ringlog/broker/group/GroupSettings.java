package io.ringlog.broker.group;

/**
 * The coordinator's settings (broker keys {@code group.*}, see docs/broker.md).
 *
 * <p>Thread-safety: immutable.
 *
 * @param initialRebalanceDelayMs how long the first rebalance of an empty group waits for more members
 * @param minSessionTimeoutMs     smallest session timeout a member may ask for
 * @param maxSessionTimeoutMs     largest session timeout a member may ask for
 * @param maxSize                 most members a group may have
 * @param offsetMetadataMaxBytes  longest metadata string an offset commit may carry (Kafka: 4096)
 */
public record GroupSettings(int initialRebalanceDelayMs, int minSessionTimeoutMs, int maxSessionTimeoutMs, int maxSize,
                            int offsetMetadataMaxBytes) {
    /** Kafka's defaults. */
    public static final GroupSettings DEFAULTS = new GroupSettings(3000, 6000, 1_800_000, Integer.MAX_VALUE, 4096);

    public GroupSettings {
        if (initialRebalanceDelayMs < 0 || minSessionTimeoutMs < 0 || maxSessionTimeoutMs < minSessionTimeoutMs
            || maxSize < 1 || offsetMetadataMaxBytes < 0) {
            throw new IllegalArgumentException("invalid group settings: delay " + initialRebalanceDelayMs
                + " ms, session timeout " + minSessionTimeoutMs + "-" + maxSessionTimeoutMs + " ms, max size " + maxSize);
        }
    }
}
