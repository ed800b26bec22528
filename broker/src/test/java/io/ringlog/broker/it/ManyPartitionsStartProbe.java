package io.ringlog.broker.it;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Not a timed test: measures how fast a broker process with many partitions is ready again. For each
 * partition count (default 100, 500, 1000; {@code -Dringlog.probe.partitions=...}) it starts the
 * broker ({@link DurableBrokerMain}, 1 MiB segments) on a fresh directory, creates one topic, writes one
 * record to every partition, stops it cleanly (SIGTERM) and restarts it, then SIGKILLs it right after
 * a write to every partition and restarts it. For each restart it prints: the broker's own "ready in"
 * figure, the time from process start to the {@code listening} line, and the time from process start
 * until one acks=all produce to every partition succeeded; and, as a baseline under the same machine
 * load, the ready time of the broker on an empty data directory. Extra broker settings:
 * {@code -Dringlog.probe.settings=key=value,key=value}.
 *
 * <pre>
 * ./mvnw -B -q -o verify -pl broker -am -Dtest=ManyPartitionsStartProbe -Dringlog.probe=true \
 *   -Dsurefire.failIfNoSpecifiedTests=false
 * # figures in broker/target/surefire-reports/io.ringlog.broker.it.ManyPartitionsStartProbe-output.txt
 * </pre>
 */
class ManyPartitionsStartProbe {
    private static final Pattern READY = Pattern.compile("ready in (\\d+) ms");
    private static final Pattern ALL_OPEN = Pattern.compile("(\\d+) partitions open in (\\d+) ms");
    private static final Pattern LISTED = Pattern.compile("with (\\d+) partitions in (\\d+) ms");

    @Test
    void measureRestartWithManyPartitions() throws Exception {
        assumeTrue(Boolean.getBoolean("ringlog.probe"), "set -Dringlog.probe=true to run");
        String counts = System.getProperty("ringlog.probe.partitions", "100,500,1000");
        for (String n : counts.split(",")) {
            probe(Integer.parseInt(n.trim()));
        }
    }

    private void probe(int partitions) throws Exception {
        Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target", "durable-it")), "start-probe-");
        try {
            // Baseline under the same machine load: the same broker on an empty data directory.
            Path empty = Files.createDirectories(root.resolve("empty"));
            Child baseline = Child.start(empty);
            System.out.printf("N=%d round, baseline with no partition: broker ready %s ms, listening %d ms after process start%n",
                partitions, baseline.readyMs, ms(baseline.listeningNanos - baseline.startNanos));
            baseline.stop();
            Path dir = Files.createDirectories(root.resolve("data"));
            Child first = Child.start(dir);
            long t0 = System.nanoTime();
            try (Admin admin = Admin.create(common(first.bootstrap))) {
                admin.createTopics(List.of(new NewTopic("many", partitions, (short) 1))).all().get(120, TimeUnit.SECONDS);
            }
            long created = System.nanoTime();
            produceToAll(first.bootstrap, partitions);
            System.out.printf("N=%d: created in %d ms, first write to all in %d ms%n", partitions,
                ms(created - t0), ms(System.nanoTime() - created));
            first.stop();

            Child clean = Child.start(dir);
            report(partitions, "after clean stop", clean, produceToAll(clean.bootstrap, partitions));
            clean.kill();

            Child unclean = Child.start(dir);
            report(partitions, "after SIGKILL", unclean, produceToAll(unclean.bootstrap, partitions));
            unclean.stop();
        } finally {
            try (var files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void report(int partitions, String what, Child c, long writableNanos) throws Exception {
        Thread.sleep(300); // let the broker log its "partitions open" line
        System.out.printf("N=%d %s: broker ready %s ms (listing the partitions %s ms), listening %d ms after process start, "
                + "produce to all %d partitions done %d ms after process start; %s%n",
            partitions, what, c.readyMs, c.listedMs, ms(c.listeningNanos - c.startNanos), partitions,
            ms(writableNanos - c.startNanos), c.allOpen == null ? "background open still running" : c.allOpen);
    }

    /** One acks=all record to every partition; returns when all are acknowledged (nanoTime). */
    private static long produceToAll(String bootstrap, int partitions) throws Exception {
        Properties p = common(bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(partitions);
            for (int i = 0; i < partitions; i++) {
                acks.add(producer.send(new ProducerRecord<>("many", i, null, ("r" + i).getBytes(StandardCharsets.UTF_8))));
            }
            for (Future<RecordMetadata> f : acks) {
                f.get(120, TimeUnit.SECONDS);
            }
            return System.nanoTime();
        }
    }

    private static Properties common(String bootstrap) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "60000");
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "120000");
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, "20");
        return p;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** A broker child process; its output is read by a daemon thread that picks out the figures. */
    private static final class Child {
        final Process process;
        final long startNanos;
        volatile long listeningNanos;
        volatile String bootstrap;
        volatile String readyMs = "?";
        volatile String listedMs = "?";
        volatile String allOpen;

        private Child(Process process, long startNanos) {
            this.process = process;
            this.startNanos = startNanos;
        }

        static Child start(Path dir) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), DurableBrokerMain.class.getName(), dir.toString()));
            String extra = System.getProperty("ringlog.probe.settings", "");
            Arrays.stream(extra.split(",")).filter(s -> !s.isBlank()).forEach(cmd::add);
            long t = System.nanoTime();
            Child c = new Child(new ProcessBuilder(cmd).redirectErrorStream(true).start(), t);
            Object listening = new Object();
            Thread.ofPlatform().daemon().start(() -> c.readOutput(listening));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            synchronized (listening) {
                while (c.bootstrap == null && System.nanoTime() < deadline && c.process.isAlive()) {
                    listening.wait(100);
                }
            }
            if (c.bootstrap == null) {
                c.process.destroyForcibly();
                throw new AssertionError("the broker did not start");
            }
            return c;
        }

        private void readOutput(Object listening) {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher ready = READY.matcher(line);
                    if (ready.find()) {
                        readyMs = ready.group(1);
                    }
                    Matcher listed = LISTED.matcher(line);
                    if (listed.find()) {
                        listedMs = listed.group(2);
                    }
                    Matcher open = ALL_OPEN.matcher(line);
                    if (open.find()) {
                        allOpen = "all " + open.group(1) + " open " + open.group(2) + " ms after listening";
                    }
                    if (line.startsWith("ringlog broker listening on ")) {
                        listeningNanos = System.nanoTime();
                        synchronized (listening) {
                            bootstrap = line.substring("ringlog broker listening on ".length()).trim();
                            listening.notifyAll();
                        }
                    }
                    if (line.contains("ERROR") || line.contains("WARN")) {
                        System.out.println("  broker: " + line);
                    }
                }
            } catch (java.io.IOException e) {
                // process gone
            }
        }

        void stop() throws Exception {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the broker did not stop on SIGTERM");
            }
        }

        void kill() throws Exception {
            process.destroyForcibly();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }
}
