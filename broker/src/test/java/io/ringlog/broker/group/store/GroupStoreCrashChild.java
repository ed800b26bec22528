package io.ringlog.broker.group.store;

import io.ringlog.broker.group.CommittedOffset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static io.ringlog.broker.group.store.GroupStates.offset;
import static io.ringlog.broker.group.store.GroupStates.snapshot;

/**
 * The child JVM of {@link GroupStoreKillTest}: two threads write to a {@link LogGroupStore} (small
 * segments, frequent compaction) until the process is killed, printing one line before each write
 * ({@code TRY}) and one after it returned ({@code ACK}), both ending in {@code END} so the parent can
 * ignore a line cut by the kill. Write {@code n} uses value {@code n} everywhere (offset or generation),
 * so values only grow per key.
 *
 * <pre>
 * TRY O n group topic:partition ... END      ACK n END
 * TRY G n group END                           ACK n END
 * </pre>
 */
public final class GroupStoreCrashChild {
    private GroupStoreCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        LogGroupStore store = LogGroupStore.open(dir, TestSettings.COMPACTING.withWritePath(args[2]));
        AtomicLong next = new AtomicLong();
        System.out.println("READY END");
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Random random = new Random(seed * 31 + t);
            String prefix = "t" + t + "-g";
            writers.add(Thread.ofPlatform().start(() -> write(store, random, prefix, next)));
        }
        for (Thread w : writers) {
            w.join();
        }
    }

    private static void write(LogGroupStore store, Random random, String prefix, AtomicLong next) {
        try {
            while (true) {
                long n = next.getAndIncrement();
                String group = prefix + random.nextInt(3);
                if (random.nextInt(10) == 0) {
                    System.out.println("TRY G " + n + " " + group + " END");
                    store.storeGroup(snapshot(group, (int) n, 1 + random.nextInt(3)));
                } else {
                    List<CommittedOffset> offsets = new ArrayList<>();
                    StringBuilder line = new StringBuilder("TRY O " + n + " " + group);
                    int partitions = 1 + random.nextInt(4);
                    for (int p = 0; p < partitions; p++) {
                        String topic = "topic" + random.nextInt(2);
                        int partition = p * 2 + random.nextInt(2);
                        offsets.add(offset(topic, partition, n));
                        line.append(' ').append(topic).append(':').append(partition);
                    }
                    System.out.println(line.append(" END"));
                    store.commitOffsets(group, offsets);
                }
                System.out.println("ACK " + n + " END");
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(3);
        }
    }
}
