package io.ringlog.broker;

import io.ringlog.broker.storage.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The durable store's settings and the partition-opening threads as broker config keys. */
class StoreSettingsKeysTest {

    @Test
    void shouldDefaultToTheStoreDefaults() {
        BrokerConfig c = BrokerConfig.of(Map.of());
        assertEquals(StoreSettings.DEFAULTS, c.storeSettings());
        assertEquals(4, c.recoveryThreads());
    }

    @Test
    void shouldReadEveryStoreKeyFromAPropertiesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, """
            ringlog.write.path=pwrite_dsync
            ringlog.max.pending.bytes=1048576
            ringlog.preparer.threads=2
            log.segment.delete.delay.ms=5000
            ringlog.io_uring.registered.bytes=0
            num.recovery.threads.per.data.dir=8
            """);
        BrokerConfig c = BrokerConfig.load(file);
        assertEquals(new StoreSettings("pwrite_dsync", 1 << 20, 2, Duration.ofSeconds(5), 0), c.storeSettings());
        assertEquals(8, c.recoveryThreads());
        assertEquals(Set.of(), c.unknownKeys());
    }

    @Test
    void shouldRejectBadValuesNamingTheKey() {
        assertRejected(BrokerConfig.WRITE_PATH, "floppy");
        assertRejected(BrokerConfig.MAX_PENDING_BYTES, "4096");
        assertRejected(BrokerConfig.MAX_PENDING_BYTES, "lots");
        assertRejected(BrokerConfig.PREPARER_THREADS, "0");
        assertRejected(BrokerConfig.SEGMENT_DELETE_DELAY_MS, "-1");
        assertRejected(BrokerConfig.REGISTERED_BYTES, "-4096");
        assertRejected(BrokerConfig.RECOVERY_THREADS, "0");
    }

    private static void assertRejected(String key, String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> BrokerConfig.of(Map.of(key, value)));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
