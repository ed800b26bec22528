package io.ringlog.reliability;

import io.ringlog.broker.BrokerConfig;
import io.ringlog.broker.BrokerRunner;
import io.ringlog.broker.storage.logcore.LogCorePartitionLogFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child JVM of the broker soak: a broker on the durable log-core store tuned so that everything
 * turns over within seconds (64 KiB segments, 512 KiB / 4 s retention checked every 200 ms, retired
 * segments kept readable 1 s instead of 60 s), plus a thread printing a {@link BrokerGauge} line every
 * second. Argument: data directory. Stops cleanly on SIGTERM (exit 0).
 *
 * <p>Thread-safety: a program.
 */
public final class BrokerSoakChild {
    static final int SEGMENT_BYTES = 64 << 10;
    static final long RETENTION_BYTES = 512 << 10;
    static final long RETENTION_MS = 4_000;

    private BrokerSoakChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        BrokerConfig config = BrokerConfig.of(Map.of(
            BrokerConfig.LISTENERS, "PLAINTEXT://127.0.0.1:0",
            BrokerConfig.LOG_DIRS, dir.toString(),
            BrokerConfig.NUM_PARTITIONS, "2",
            BrokerConfig.SEGMENT_BYTES, Integer.toString(SEGMENT_BYTES),
            BrokerConfig.RETENTION_BYTES, Long.toString(RETENTION_BYTES),
            BrokerConfig.RETENTION_MS, Long.toString(RETENTION_MS),
            BrokerConfig.RETENTION_CHECK_INTERVAL_MS, "200",
            BrokerConfig.SEGMENT_DELETE_DELAY_MS, "1000"));
        PrintStream out = System.out;
        Thread.ofPlatform().name("soak-gauge").daemon(true).start(() -> sampleForever(out));
        System.exit(BrokerRunner.run(config, new LogCorePartitionLogFactory(dir, config.storeSettings()), out));
    }

    private static void sampleForever(PrintStream out) {
        try {
            while (true) {
                Thread.sleep(1000);
                out.println(BrokerGauge.sample().line());
                out.flush();
            }
        } catch (Exception e) {
            out.println("GAUGE FAILED " + e);
            out.flush();
        }
    }
}
