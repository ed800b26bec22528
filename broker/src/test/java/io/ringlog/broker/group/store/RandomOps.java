package io.ringlog.broker.group.store;

import io.ringlog.broker.group.GroupStore;
import io.ringlog.broker.group.GroupStoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.ringlog.broker.group.store.GroupStates.offset;
import static io.ringlog.broker.group.store.GroupStates.snapshot;
import static io.ringlog.broker.group.store.GroupStates.tp;

/**
 * Seeded random group-store operations applied to a store under test and to a reference store alike
 * (mostly commits to a few keys, so the log outgrows the live state; some snapshots and deletions).
 */
final class RandomOps {
    private final Random random;
    private final String groupPrefix;
    private final int groups;
    private long nextOffset;

    RandomOps(long seed, String groupPrefix, int groups) {
        this.random = new Random(seed);
        this.groupPrefix = groupPrefix;
        this.groups = groups;
    }

    /** The seed for a randomised test: {@code -Dringlog.test.seed} or the clock; printed so a failure can be replayed. */
    static long seed(String test) {
        long seed = Long.getLong("ringlog.test.seed", System.nanoTime());
        System.out.println(test + " seed " + seed + " (rerun with -Dringlog.test.seed=" + seed + ")");
        return seed;
    }

    /** Applies the next operation to both stores. */
    void next(GroupStore store, GroupStore reference) throws GroupStoreException {
        String group = groupPrefix + random.nextInt(groups);
        int kind = random.nextInt(100);
        if (kind < 80) {
            List<io.ringlog.broker.group.CommittedOffset> offsets = new ArrayList<>();
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                offsets.add(offset("t" + random.nextInt(3), random.nextInt(4), nextOffset++));
            }
            store.commitOffsets(group, offsets);
            reference.commitOffsets(group, offsets);
        } else if (kind < 92) {
            var snapshot = snapshot(group, random.nextInt(1000), random.nextInt(4));
            store.storeGroup(snapshot);
            reference.storeGroup(snapshot);
        } else if (kind < 98) {
            var partitions = List.of(tp("t" + random.nextInt(3), random.nextInt(4)), tp("t0", random.nextInt(4)));
            store.deleteOffsets(group, partitions);
            reference.deleteOffsets(group, partitions);
        } else {
            store.deleteGroup(group);
            reference.deleteGroup(group);
        }
    }
}
