package io.ringlog.cli;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's main command as a user runs it: {@code bin/ringlog broker} from the packaged build (the
 * launcher's narrowed broker classpath and its class-data archive included). Runs after {@code package}
 * (failsafe), so the launcher finds an up-to-date build and does not rebuild.
 */
class LauncherIT {
    private static final Pattern LISTENING = Pattern.compile("listening on ([0-9.]+):(\\d+)");
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    @TempDir
    Path dir;

    @Test
    void brokerHelpShouldWorkOnTheBrokersOwnClasspath() throws Exception {
        Process p = launch("broker", "--help");
        Output output = drain(p);
        List<String> out = output.lines();

        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/ringlog broker --help did not finish");
        output.reader().join(TimeUnit.SECONDS.toMillis(30)); // every line read before looking at them
        assertEquals(0, p.exitValue(), String.join("\n", out));
        assertTrue(out.stream().anyMatch(l -> l.startsWith("Usage: ringlog broker")), String.join("\n", out));
    }

    @Test
    void brokerShouldServeADurableRoundTripAndStopCleanlyOnSigterm() throws Exception {
        Process p = launch("broker", "--data-dir", dir.resolve("data").toString(), "--listen", "127.0.0.1:0");
        try {
            List<String> out = drain(p).lines();
            String bootstrap = awaitListening(p, out);
            String classpath = classpathOf(p);
            assertTrue(classpath.contains("kafka-clients-"), classpath);
            assertFalse(classpath.contains("chronicle-") || classpath.contains("jmh-core-"),
                "broker must start without the bench's dependencies: " + classpath);

            roundTrip(bootstrap);

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "broker did not stop on SIGTERM");
            assertEquals(0, p.exitValue(), String.join("\n", out));
        } finally {
            p.destroyForcibly();
        }
    }

    private static Process launch(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/ringlog").toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).start();
    }

    /** The output lines collected so far and the thread reading them (it ends when the process does). */
    private record Output(List<String> lines, Thread reader) {
    }

    /** Collects the process's output lines on a daemon thread (so it never blocks on a full pipe). */
    private static Output drain(Process p) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output read failed: " + e + ")");
            }
        });
        return new Output(lines, reader);
    }

    private static String awaitListening(Process p, List<String> out) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            for (String line : out) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    return m.group(1) + ":" + m.group(2);
                }
            }
            assertTrue(p.isAlive(), "broker exited early:\n" + String.join("\n", out));
            Thread.sleep(20);
        }
        throw new AssertionError("no 'listening on' line within 120 s:\n" + String.join("\n", out));
    }

    /** The -cp argument of the JVM the launcher exec'd into (same pid). */
    private static String classpathOf(Process p) {
        String[] args = p.info().arguments().orElseThrow();
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-cp")) {
                return args[i + 1];
            }
        }
        throw new AssertionError("no -cp in " + String.join(" ", args));
    }

    private static void roundTrip(String bootstrap) throws Exception {
        String topic = "launcher-it";
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer =
                 new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            long offset = producer.send(new ProducerRecord<>(topic, "k", "durable")).get(60, TimeUnit.SECONDS).offset();
            assertEquals(0, offset);
        }
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer =
                 new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            ConsumerRecord<String, String> got = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (got == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    got = r;
                }
            }
            assertNotNull(got, "the produced record was not fetched back");
            assertEquals("k", got.key());
            assertEquals("durable", got.value());
        }
    }
}
