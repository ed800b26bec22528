package io.ringlog.broker.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** librdkafka through kcat (skipped when kcat is not installed: {@code apt-get install kcat}). */
class KcatTest {
    private static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Kcat.installed(), Kcat.MISSING);
        broker = new RunningBroker();
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("kcat", 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static String kcat(String input, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("kcat", "-b", broker.bootstrap()));
        command.addAll(List.of(args));
        Path in = Files.createTempFile("kcat", ".in");
        Files.writeString(in, input);
        Process p = new ProcessBuilder(command).redirectInput(in.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(30, TimeUnit.SECONDS), "kcat timed out: " + out);
        assertEquals(0, p.exitValue(), "kcat failed: " + out);
        Files.delete(in);
        return out;
    }

    @Test
    void shouldProduceWithKcatAndConsumeBothWays() throws Exception {
        kcat("one\ntwo\nthree\n", "-P", "-t", "kcat", "-p", "0", "-z", "snappy", "-X", "acks=all");
        List<ConsumerRecord<byte[], byte[]>> got = ProduceConsumeRoundTripTestSupport.consume(broker,
            new TopicPartition("kcat", 0), 3);
        assertEquals(List.of("one", "two", "three"), got.stream().map(r -> new String(r.value())).toList());
        String consumed = kcat("", "-C", "-t", "kcat", "-p", "0", "-o", "beginning", "-e", "-q");
        assertEquals(List.of("one", "two", "three"), consumed.lines().toList());
        String metadata = kcat("", "-L");
        assertEquals(true, metadata.contains("topic \"kcat\" with 1 partitions"), metadata);
    }
}
