package io.ringlog.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerConfigTest {
    @Test
    void shouldUseKafkaLikeDefaults() {
        BrokerConfig c = BrokerConfig.of(Map.of());
        assertEquals("127.0.0.1", c.listener().getHostString());
        assertEquals(9092, c.listener().getPort());
        assertEquals(Path.of("./data"), c.dataDir());
        assertEquals(100 * 1024 * 1024, c.socketRequestMaxBytes());
        assertEquals(1048588, c.messageMaxBytes());
        assertEquals(604_800_000L, c.topicDefaults().retentionMs());
        assertEquals(1, c.numPartitions());
    }

    @Test
    void shouldReadAPropertiesFileAndReportUnknownKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, """
            listeners=PLAINTEXT://0.0.0.0:19092
            advertised.listeners=PLAINTEXT://kafka.example:19092
            log.dirs=/var/lib/ringlog,/other
            log.retention.hours=2
            num.partitions=6
            auto.create.topics.enable=false
            zookeeper.connect=localhost:2181
            """);
        BrokerConfig c = BrokerConfig.load(file);
        assertEquals(19092, c.listener().getPort());
        assertEquals("kafka.example", c.advertisedListener().getHostString());
        assertEquals(Path.of("/var/lib/ringlog"), c.dataDir());
        assertEquals(7_200_000L, c.topicDefaults().retentionMs());
        assertEquals(6, c.numPartitions());
        assertFalse(c.autoCreateTopics());
        assertEquals(Set.of("zookeeper.connect"), c.unknownKeys());
    }

    @Test
    void shouldLetLaterOverridesWin() {
        BrokerConfig c = BrokerConfig.of(Map.of("listeners", "127.0.0.1:1")).with(Map.of("listeners", "127.0.0.1:2"));
        assertEquals(2, c.listener().getPort());
    }

    @Test
    void shouldRejectMalformedValues() {
        assertThrows(ConfigException.class, () -> BrokerConfig.of(Map.of("num.partitions", "zero")));
        assertThrows(ConfigException.class, () -> BrokerConfig.of(Map.of("num.partitions", "0")));
        assertThrows(ConfigException.class, () -> BrokerConfig.of(Map.of("listeners", "SSL://h:1")));
        assertThrows(ConfigException.class, () -> BrokerConfig.of(Map.of("listeners", "nohost")));
        assertThrows(ConfigException.class, () -> BrokerConfig.of(Map.of("auto.create.topics.enable", "yes")));
        assertThrows(ConfigException.class, () -> BrokerConfig.of(Map.of("node.id", "3")));
    }

    @Test
    void shouldReadTheGroupSettingsWithKafkaDefaults() {
        BrokerConfig defaults = BrokerConfig.of(Map.of());
        assertEquals(3000, defaults.groupSettings().initialRebalanceDelayMs());
        assertEquals(6000, defaults.groupSettings().minSessionTimeoutMs());
        assertEquals(1_800_000, defaults.groupSettings().maxSessionTimeoutMs());
        BrokerConfig c = BrokerConfig.of(Map.of("group.initial.rebalance.delay.ms", "0", "group.max.size", "5",
            "group.min.session.timeout.ms", "100", "offsets.retention.minutes", "10"));
        assertEquals(0, c.groupSettings().initialRebalanceDelayMs());
        assertEquals(5, c.groupSettings().maxSize());
        assertEquals(100, c.groupSettings().minSessionTimeoutMs());
        assertEquals(Set.of("offsets.retention.minutes"), c.unknownKeys(), "offset expiry is not supported");
        ConfigException bad = assertThrows(ConfigException.class, () -> BrokerConfig.of(Map.of(
            "group.min.session.timeout.ms", "9000", "group.max.session.timeout.ms", "8000")));
        assertTrue(bad.getMessage().contains("group.max.session.timeout.ms"), bad.getMessage());
    }

    @Test
    void shouldRunLoneAppendsOnThePoolByDefaultAndInlineWhenSwitchedOn() {
        assertFalse(BrokerConfig.of(Map.of()).inlineAppends());
        assertTrue(BrokerConfig.of(Map.of(BrokerConfig.INLINE_APPENDS, "true")).inlineAppends());
        assertFalse(BrokerConfig.of(Map.of(BrokerConfig.INLINE_APPENDS, "false")).inlineAppends());
        assertTrue(BrokerConfig.of(Map.of("ringlog.network.inline.appends", " TRUE ")).inlineAppends());
        ConfigException bad = assertThrows(ConfigException.class,
            () -> BrokerConfig.of(Map.of("ringlog.network.inline.appends", "maybe")));
        assertTrue(bad.getMessage().contains("ringlog.network.inline.appends"), bad.getMessage());
        assertEquals(Set.of(), BrokerConfig.of(Map.of(BrokerConfig.INLINE_APPENDS, "false")).unknownKeys());
    }
}
