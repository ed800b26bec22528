package io.ringlog.broker.storage.logcore;

import io.ringlog.broker.BrokerConfig;
import io.ringlog.broker.storage.PartitionLog;
import io.ringlog.broker.storage.PartitionLogConfig;
import io.ringlog.broker.storage.PartitionLogFactory;
import io.ringlog.broker.storage.PartitionLogFactoryProvider;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Keys of the broker's config file reach the log-core store found through the ServiceLoader. */
class StoreSettingsReachTheStoreTest {

    @Test
    void writePathKeyShouldChooseThePartitionsBackend(@TempDir Path dir) throws Exception {
        BrokerConfig config = BrokerConfig.of(Map.of(BrokerConfig.LOG_DIRS, dir.toString(),
            BrokerConfig.WRITE_PATH, "pwrite_dsync"));
        PartitionLogFactoryProvider provider = PartitionLogFactoryProvider.findDurable().orElseThrow();
        try (PartitionLogFactory factory = provider.open(config.dataDir(), config.storeSettings());
             PartitionLog log = factory.open(new TopicPartition("t", 0), new PartitionLogConfig(1 << 20, -1, -1, 4096))) {
            io.ringlog.core.Log core = ((LogCorePartitionLog) log).log();
            assertEquals("pwrite_dsync", core.stats().writePath());
        }
    }
}
