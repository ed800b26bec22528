package io.ringlog.broker.group;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The live groups by id. Every operation on a group runs inside {@link #withGroup}, holding that
 * group's monitor; a group that went Dead (deleted) is removed from the map while its monitor is held,
 * so an operation that raced with the deletion retries on the map and sees the new state (no group or
 * a fresh one) instead of answering COORDINATOR_NOT_AVAILABLE as Kafka does.
 *
 * <p>Thread-safety: thread-safe.
 */
final class GroupRegistry {
    private final ConcurrentHashMap<String, ConsumerGroup> groups = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Runs {@code action} on the group under its monitor; with {@code create}, an absent group is created
     * Empty, else {@code action} gets null.
     */
    <T> T withGroup(String groupId, boolean create, Function<ConsumerGroup, T> action) {
        while (true) {
            ConsumerGroup g = create ? groups.computeIfAbsent(groupId, ConsumerGroup::new) : groups.get(groupId);
            if (g == null) {
                return action.apply(null);
            }
            synchronized (g) {
                if (!g.is(GroupState.DEAD)) {
                    return action.apply(g);
                }
            }
        }
    }

    /** Marks the group Dead and forgets it; the caller holds its monitor. */
    void remove(ConsumerGroup g) {
        g.transitionTo(GroupState.DEAD);
        groups.remove(g.groupId, g);
    }

    void put(ConsumerGroup g) {
        groups.put(g.groupId, g);
    }

    /** The groups now (the caller locks each before reading it). */
    List<ConsumerGroup> all() {
        return List.copyOf(groups.values());
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
    }
}
