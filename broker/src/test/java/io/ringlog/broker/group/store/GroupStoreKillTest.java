package io.ringlog.broker.group.store;

import io.ringlog.broker.group.CommittedOffset;
import io.ringlog.broker.group.GroupSnapshot;
import io.ringlog.broker.group.GroupStoreState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.ringlog.broker.group.store.GroupStates.offset;
import static io.ringlog.broker.group.store.GroupStates.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a process writing to a {@link LogGroupStore} ({@link GroupStoreCrashChild}) at a seeded
 * random moment, then a reopen: every acknowledged write is there (or a later one for the same key),
 * nothing was invented, and each multi-partition commit is all or nothing. 3 trials by default;
 * {@code -Dringlog.test.groupKillTrials=N} for more.
 */
class GroupStoreKillTest {
    private static final int TRIALS = Integer.getInteger("ringlog.test.groupKillTrials", 3);

    @TempDir
    Path data;

    /** What the child said it did: write n's keys, and which writes returned. */
    private static final class Journal {
        final Map<Long, String> groupOf = new HashMap<>();
        final Map<Long, List<TopicPartition>> partitionsOf = new HashMap<>();
        final List<Long> acked = new ArrayList<>();
        long maxTried = -1;

        void parse(String line) {
            String[] f = line.split(" ");
            if (f[0].equals("ACK")) {
                acked.add(Long.parseLong(f[1]));
            } else if (f[0].equals("TRY")) {
                long n = Long.parseLong(f[2]);
                maxTried = Math.max(maxTried, n);
                groupOf.put(n, f[3]);
                List<TopicPartition> tps = new ArrayList<>();
                for (int i = 4; i < f.length - 1; i++) {
                    String[] tp = f[i].split(":");
                    tps.add(new TopicPartition(tp[0], Integer.parseInt(tp[1])));
                }
                partitionsOf.put(n, f[1].equals("O") ? tps : null);
            }
        }
    }

    @Test
    void everyAcknowledgedWriteShouldSurviveKill9() throws Exception {
        long seed = RandomOps.seed("groupStoreKill");
        for (int trial = 0; trial < TRIALS; trial++) {
            Random random = new Random(seed + trial);
            Path dir = data.resolve("trial-" + trial);
            Journal journal = runAndKill(dir, seed + trial, 30 + random.nextInt(400), random.nextInt(3));
            try (LogGroupStore store = LogGroupStore.open(dir, TestSettings.COMPACTING)) {
                check(journal, store.load());
            }
            System.out.println("trial " + trial + ": " + journal.acked.size() + " writes acknowledged, " + (journal.maxTried + 1)
                + " tried, all acknowledged ones recovered");
        }
    }

    private Journal runAndKill(Path dir, long seed, int killAfterAcks, int extraMillis) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx128m", "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
            GroupStoreCrashChild.class.getName(), dir.toString(), Long.toString(seed), TestSettings.WRITE_PATH)
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Journal journal = new Journal();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean killed = false;
            for (String line; (line = out.readLine()) != null; ) {
                if (!line.endsWith(" END")) {
                    continue; // cut by the kill; every complete line, also those read after the kill, counts
                }
                journal.parse(line);
                if (!killed && (journal.acked.size() >= killAfterAcks || System.nanoTime() > deadline)) {
                    Thread.sleep(extraMillis);
                    child.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly, keeps stdout open
                    killed = true;
                }
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child exited");
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL, not failed (see its stderr above)");
        assertTrue(journal.acked.size() >= Math.min(killAfterAcks, 10), "acknowledged writes: " + journal.acked.size());
        return journal;
    }

    private static void check(Journal journal, GroupStoreState state) {
        for (long n : journal.acked) {
            String group = journal.groupOf.get(n);
            List<TopicPartition> partitions = journal.partitionsOf.get(n);
            if (partitions == null) {
                GroupSnapshot stored = state.groups().get(group);
                assertNotNull(stored, "acknowledged snapshot " + n + " of " + group);
                assertTrue(stored.generationId() >= n, "snapshot " + n + " of " + group + " lost: " + stored.generationId());
            } else {
                for (TopicPartition tp : partitions) {
                    CommittedOffset c = state.offsets().getOrDefault(group, Map.of()).get(tp);
                    assertNotNull(c, "acknowledged commit " + n + " of " + group + " " + tp);
                    assertTrue(c.offset() >= n, "commit " + n + " of " + group + " " + tp + " lost: " + c.offset());
                }
            }
        }
        state.groups().forEach((group, s) -> {
            assertTrue(s.generationId() <= journal.maxTried, "invented generation " + s.generationId());
            GroupStates.assertSameSnapshot(snapshot(group, s.generationId(), s.members().size()), s);
        });
        state.offsets().forEach((group, byPartition) -> byPartition.forEach((tp, c) -> {
            assertEquals(offset(tp.topic(), tp.partition(), c.offset()), c, "the whole record of write " + c.offset());
            List<TopicPartition> siblings = journal.partitionsOf.get(c.offset());
            assertNotNull(siblings, "offset " + c.offset() + " of " + group + " " + tp + " was never a commit of the child");
            for (TopicPartition sibling : siblings) {
                CommittedOffset other = byPartition.get(sibling);
                assertTrue(other != null && other.offset() >= c.offset(),
                    "write " + c.offset() + " of " + group + " is visible on " + tp + " but not on " + sibling + ": not atomic");
            }
        }));
    }
}
