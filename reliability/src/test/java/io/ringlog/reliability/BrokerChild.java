package io.ringlog.reliability;

import io.ringlog.broker.BrokerConfig;
import io.ringlog.broker.BrokerRunner;
import io.ringlog.broker.storage.PartitionLogFactoryProvider;

import java.util.Map;

/**
 * The child JVM of the broker kill -9 suite: the broker as {@code bin/ringlog broker} runs it (the
 * durable store found with {@link PartitionLogFactoryProvider#findDurable()}, {@link BrokerRunner}
 * printing {@code ringlog broker listening on HOST:PORT}) on an ephemeral loopback port.
 *
 * <p>Arguments: data directory, {@code num.partitions} (for the auto-created topic),
 * {@code log.segment.bytes}, store write path ({@code ringlog.write.path}). Runs until the
 * parent kills it (SIGKILL) or sends SIGTERM (clean shutdown, exit 0).
 *
 * <p>Thread-safety: a program.
 */
public final class BrokerChild {
    private BrokerChild() {
    }

    public static void main(String[] args) {
        BrokerConfig config = BrokerConfig.of(Map.of(
            BrokerConfig.LISTENERS, "PLAINTEXT://127.0.0.1:0",
            BrokerConfig.LOG_DIRS, args[0],
            BrokerConfig.NUM_PARTITIONS, args[1],
            BrokerConfig.SEGMENT_BYTES, args[2],
            BrokerConfig.NUM_IO_THREADS, "4",
            BrokerConfig.WRITE_PATH, args[3]));
        PartitionLogFactoryProvider provider = PartitionLogFactoryProvider.findDurable()
            .orElseThrow(() -> new IllegalStateException("no durable store registered"));
        try {
            System.exit(BrokerRunner.run(config, provider.open(config.dataDir(), config.storeSettings()), System.out));
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
