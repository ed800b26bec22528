package io.ringlog.broker.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * librdkafka's balanced consumer ({@code kcat -G}) in a group: it joins, reads everything, commits on exit,
 * and a second run of the same group resumes after the commit. Skipped when kcat is not installed
 * ({@code apt-get install kcat}).
 */
class KcatGroupTest {
    private static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Kcat.installed(), Kcat.MISSING);
        broker = new RunningBroker(GroupTestSupport.BROKER_SETTINGS);
        GroupTestSupport.createTopic(broker, "kcat-groups", 2);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Runs a balanced consumer until it has reached the end of every assigned partition; returns its lines. */
    private static List<String> consumeBalanced(String group) throws Exception {
        List<String> command = new ArrayList<>(List.of("kcat", "-b", broker.bootstrap(), "-G", group, "-e", "-q",
            "-f", "%p:%s\\n", "-X", "auto.offset.reset=earliest", "-X", "session.timeout.ms=6000",
            "-X", "heartbeat.interval.ms=200", "kcat-groups"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kcat timed out: " + out);
        assertEquals(0, p.exitValue(), "kcat failed: " + out);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void aBalancedKcatConsumerReadsEverythingCommitsAndASecondRunResumesAfterTheCommit() throws Exception {
        GroupTestSupport.produce(broker, "kcat-groups", 2, "m", 10);
        List<String> first = consumeBalanced("kcat-g");
        assertEquals(10, first.size(), first.toString());
        assertEquals(5, first.stream().filter(l -> l.startsWith("0:")).count());
        try (Admin admin = broker.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets("kcat-g").partitionsToOffsetAndMetadata().get();
            assertEquals(5, committed.get(new TopicPartition("kcat-groups", 0)).offset());
            assertEquals(5, committed.get(new TopicPartition("kcat-groups", 1)).offset());
        }
        GroupTestSupport.produce(broker, "kcat-groups", 2, "n", 4);
        List<String> second = consumeBalanced("kcat-g");
        assertEquals(List.of("n0", "n1", "n2", "n3"), second.stream().map(l -> l.substring(2)).sorted().toList());
    }
}
