package io.ringlog.broker.it;

import io.ringlog.broker.BrokerConfig;
import io.ringlog.broker.BrokerRunner;
import io.ringlog.broker.storage.PartitionLogFactoryProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * The broker's launcher path in a child JVM for process tests: the durable store found through the
 * ServiceLoader (as {@code bin/ringlog broker} finds it), {@link BrokerRunner} printing the
 * {@code listening on} line. Arguments: data directory, then {@code key=value} broker settings.
 */
public final class DurableBrokerMain {
    private DurableBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(BrokerConfig.LISTENERS, "PLAINTEXT://127.0.0.1:0",
            BrokerConfig.LOG_DIRS, args[0], BrokerConfig.SEGMENT_BYTES, Integer.toString(1 << 20)));
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        BrokerConfig config = BrokerConfig.of(settings);
        PartitionLogFactoryProvider provider = PartitionLogFactoryProvider.findDurable()
            .orElseThrow(() -> new IllegalStateException("no durable store registered"));
        System.exit(BrokerRunner.run(config, provider.open(config.dataDir(), config.storeSettings()), System.out));
    }
}
