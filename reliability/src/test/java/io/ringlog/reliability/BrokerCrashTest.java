package io.ringlog.reliability;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.ringlog.reliability.LogModel.check;

/**
 * Suite 1 for the broker, kill -9: the broker runs in a child JVM ({@link BrokerChild}) on the durable
 * store; a kafka-clients producer with {@code acks=all} (idempotence and retries off, 1-5 requests in
 * flight) is fed by 1-4 threads with values of mixed sizes (up to 24 KiB) for 1-4 partitions, and every
 * acknowledgement is recorded from the send callbacks; the broker gets SIGKILL at a seeded random
 * moment (sometimes a second time while it restarts and recovers), is restarted on the same data
 * directory, and {@link BrokerTopicModel#verify} reads every partition back from offset 0 with a
 * kafka-clients consumer: every acknowledged record at its offset with its bytes, no hole, nothing that
 * was never sent, nothing twice; then a send to every partition must land at its end offset. 20 trials
 * by default (seeds 9000..9019), 1,000 with {@code -Dreliability.long=true}; {@code -Dreliability.seed=N}
 * replays one.
 */
class BrokerCrashTest {
    private static final long FIRST_SEED = 9000;
    private static final String TOPIC = "crash";
    private static final List<String> WRITE_PATHS = io.ringlog.io.uring.IoUringProbe.isAvailable()
        ? List.of("pwrite_dsync", "filechannel_dsync_direct", "filechannel_force", "io_uring")
        : List.of("pwrite_dsync", "filechannel_dsync_direct", "filechannel_force");
    private static final int[] SEGMENT_BYTES = {64 << 10, 256 << 10, 1 << 20};

    @TempDir
    Path tmp;

    /** One trial's choices, all drawn from its seed. */
    private record Plan(long seed, int partitions, int segmentBytes, String writePath, int threads, int maxInFlight,
                        int lingerMs, int rounds) {
        static Plan of(long seed, Random random) {
            return new Plan(seed, 1 + random.nextInt(4), SEGMENT_BYTES[random.nextInt(SEGMENT_BYTES.length)],
                WRITE_PATHS.get(random.nextInt(WRITE_PATHS.size())), 1 + random.nextInt(4), 1 + random.nextInt(5),
                random.nextInt(6), random.nextInt(5) == 0 ? 2 : 1);
        }

        @Override
        public String toString() {
            return "seed " + seed + " (" + partitions + " partitions, " + (segmentBytes >> 10) + " KiB segments, " + writePath
                + ", " + threads + " sender threads, " + maxInFlight + " in flight, linger " + lingerMs + " ms)";
        }
    }

    @Test
    void everyAcknowledgedRecordSurvivesKillDashNineOfTheBroker() throws Exception {
        long[] seeds = Trials.seeds(FIRST_SEED, 20, 1_000);
        long started = System.nanoTime();
        long acknowledged = 0;
        for (long seed : seeds) {
            try {
                acknowledged += runTrial(seed, tmp.resolve("trial-" + seed));
            } catch (AssertionError | Exception e) {
                System.out.println("broker-crash trial FAILED, replay with -Dreliability.seed=" + seed);
                throw e;
            }
            PowerLossTest.deleteTree(tmp.resolve("trial-" + seed));
        }
        System.out.printf("broker-crash: %d trials, seeds %d..%d, %d records acknowledged and read back, %.1f s%n",
            seeds.length, seeds[0], seeds[seeds.length - 1], acknowledged, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Self-check: the read-back check does see a lost acknowledged record, an acknowledged record with
     * other bytes and a record that was never sent (three models checked against one real broker).
     */
    @Test
    void verificationShouldCatchLostAlteredAndUnsentRecords() throws Exception {
        Plan plan = new Plan(0, 1, 64 << 10, "pwrite_dsync", 1, 1, 0, 1);
        BrokerTopicModel real = new BrokerTopicModel(TOPIC, 1);
        try (BrokerProcess broker = start(plan, tmp.resolve("self-check"))) {
            String bootstrap = broker.awaitListening(60, "self-check");
            try (KafkaProducer<byte[], byte[]> producer = producer(plan, bootstrap)) {
                for (int i = 0; i < 10; i++) {
                    real.produceAgain(producer, new long[] {i}, "self-check");
                }
            }
            real.verify(bootstrap, "self-check: the real model");
            BrokerTopicModel lost = new BrokerTopicModel(TOPIC, 1);
            BrokerTopicModel altered = new BrokerTopicModel(TOPIC, 1);
            for (long id = 0; id < 10; id++) {
                lost.sent(id, 0);
                altered.sent(id, 0);
            }
            lost.acknowledged(0, 12, 1);
            altered.acknowledged(0, 3, 1);
            BrokerTopicModel unsent = new BrokerTopicModel(TOPIC, 1);
            expectFailure(() -> lost.verify(bootstrap, "lost"), "acknowledged offset 12 lost");
            expectFailure(() -> altered.verify(bootstrap, "altered"), "acknowledged checksum 1");
            expectFailure(() -> unsent.verify(bootstrap, "unsent"), "was never sent");
            broker.kill("self-check");
        }
    }

    private static void expectFailure(Runnable verification, String expected) {
        try {
            verification.run();
        } catch (AssertionError e) {
            check(e.getMessage().contains(expected), "self-check", "failed for another reason: " + e.getMessage());
            return;
        }
        throw new AssertionError("self-check: the verification did not catch '" + expected + "'");
    }

    /** Runs one trial; returns how many acknowledged records the final check read back. */
    private long runTrial(long seed, Path dir) throws Exception {
        Random random = Trials.random(seed);
        Plan plan = Plan.of(seed, random);
        System.out.println("broker-crash " + plan);
        BrokerTopicModel model = new BrokerTopicModel(TOPIC, plan.partitions());
        for (int round = 0; round < plan.rounds(); round++) {
            String what = plan + " round " + (round + 1) + "/" + plan.rounds();
            long killAfterMillis = 50 + random.nextInt(750);
            boolean killDuringRestart = random.nextInt(4) == 0;
            long restartKillMillis = random.nextInt(1200);
            produceAndKill(plan, dir, model, round, killAfterMillis, what);
            if (killDuringRestart) {
                killWhileStarting(plan, dir, restartKillMillis, what);
            }
        }
        String what = plan + " final check";
        long t0 = System.nanoTime();
        try (BrokerProcess broker = start(plan, dir)) {
            String bootstrap = broker.awaitListening(60, what);
            long[] end = model.verify(bootstrap, what);
            try (KafkaProducer<byte[], byte[]> producer = producer(plan, bootstrap)) {
                model.produceAgain(producer, end, what);
            }
            System.out.println("  listening after " + broker.millisToListen() + " ms, recovered end offsets "
                + java.util.Arrays.toString(end) + ", " + model.acknowledgedCount()
                + " acknowledged records intact, produce works again (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
            broker.kill(what);
        }
        return model.acknowledgedCount();
    }

    /**
     * Starts the broker (after a kill: first checks what it recovered and that producing works), runs a
     * producer burst and SIGKILLs the broker {@code killAfterMillis} after the burst's first acknowledgement.
     */
    private static void produceAndKill(Plan plan, Path dir, BrokerTopicModel model, int round, long killAfterMillis,
                                       String what) throws Exception {
        long t0 = System.nanoTime();
        try (BrokerProcess broker = start(plan, dir)) {
            String bootstrap = broker.awaitListening(60, what);
            KafkaProducer<byte[], byte[]> producer = producer(plan, bootstrap);
            ProducerBurst burst = new ProducerBurst(producer, model);
            long tBurst = 0;
            long tAck = 0;
            try {
                if (round > 0) {
                    model.produceAgain(producer, model.verify(bootstrap, what), what);
                } else {
                    int found = producer.partitionsFor(TOPIC).size(); // auto-creates the topic
                    check(found == plan.partitions(), what, "auto-created topic has " + found + " partitions");
                }
                long ackedBefore = model.acknowledgedCount();
                burst.start(plan.threads(), plan.seed() * 7 + round);
                tBurst = System.nanoTime();
                awaitFirstAck(model, ackedBefore, what);
                tAck = System.nanoTime();
                Thread.sleep(killAfterMillis);
                broker.kill(what);
            } finally {
                burst.stopAndAbort(what);
            }
            System.out.printf("  round %d: listening after %d ms, burst after %d ms, first ack after %d ms more, SIGKILL %d ms"
                + " later: %d sent, %d acknowledged in total, %d unanswered (%d ms)%n", round + 1, broker.millisToListen(),
                (tBurst - t0) / 1_000_000, (tAck - tBurst) / 1_000_000, killAfterMillis, burst.sends(),
                model.acknowledgedCount(), burst.failures(), (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private static void awaitFirstAck(BrokerTopicModel model, long before, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (model.acknowledgedCount() == before) {
            check(System.nanoTime() < deadline, what, "no send acknowledged within 60 s");
            Thread.sleep(1);
        }
    }

    /** Restarts the broker and SIGKILLs it {@code millis} after the process started: in JVM start, recovery or just after. */
    private static void killWhileStarting(Plan plan, Path dir, long millis, String what) throws Exception {
        try (BrokerProcess broker = start(plan, dir)) {
            Thread.sleep(millis);
            broker.kill(what + ", kill during restart");
            System.out.printf("  SIGKILL %d ms after a restart began%n", millis);
        }
    }

    private static BrokerProcess start(Plan plan, Path dir) throws java.io.IOException {
        return BrokerProcess.start(List.of(), BrokerChild.class, line -> { }, dir.toString(),
            Integer.toString(plan.partitions()), Integer.toString(plan.segmentBytes()), plan.writePath());
    }

    private static KafkaProducer<byte[], byte[]> producer(Plan plan, String bootstrap) {
        return BrokerClients.producer(bootstrap, Map.of(
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false",
            ProducerConfig.RETRIES_CONFIG, "0",
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, Integer.toString(plan.maxInFlight()),
            ProducerConfig.LINGER_MS_CONFIG, Integer.toString(plan.lingerMs())));
    }
}
