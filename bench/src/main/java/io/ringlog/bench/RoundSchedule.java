package io.ringlog.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The order trials run in: interleaved by round (A B C A B C ...) rather than A A A B B B, so slow
 * drift of a shared machine (page cache, a neighbour's build, thermal state) spreads over every
 * backend instead of favouring whoever ran first. On this 2-core VM p50 drifted by up to 15 %
 * between consecutive runs of the same path, larger than some of the differences being measured.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class RoundSchedule {
    private RoundSchedule() {
    }

    /** One slot of the schedule: {@code round} (1-based) runs {@code item}. Thread-safety: immutable. */
    public record Slot<T>(int round, T item) {
    }

    /** {@code rounds} repetitions of {@code items}, in item order within each round. */
    public static <T> List<Slot<T>> interleave(List<T> items, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        List<Slot<T>> slots = new ArrayList<>(items.size() * rounds);
        for (int r = 1; r <= rounds; r++) {
            for (T item : items) {
                slots.add(new Slot<>(r, item));
            }
        }
        return List.copyOf(slots);
    }
}
