package io.ringlog.broker.it;

import io.ringlog.broker.BrokerConfig;
import io.ringlog.broker.BrokerRunner;
import io.ringlog.broker.storage.PartitionLogFactoryProvider;

import java.util.Map;

/**
 * The broker's launcher path in a child JVM for process tests: the durable store found through the
 * ServiceLoader (as {@code bin/ringlog broker} finds it), {@link BrokerRunner} printing the
 * {@code listening on} line. Arguments: data directory.
 */
public final class DurableBrokerMain {
    private DurableBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        BrokerConfig config = BrokerConfig.of(Map.of(BrokerConfig.LISTENERS, "PLAINTEXT://127.0.0.1:0",
            BrokerConfig.LOG_DIRS, args[0], BrokerConfig.SEGMENT_BYTES, Integer.toString(1 << 20)));
        PartitionLogFactoryProvider provider = PartitionLogFactoryProvider.findDurable()
            .orElseThrow(() -> new IllegalStateException("no durable store registered"));
        System.exit(BrokerRunner.run(config, provider.open(config.dataDir()), System.out));
    }
}
