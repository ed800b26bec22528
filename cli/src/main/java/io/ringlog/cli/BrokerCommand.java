package io.ringlog.cli;

import io.ringlog.broker.BrokerConfig;
import io.ringlog.broker.BrokerRunner;
import io.ringlog.broker.ConfigException;
import io.ringlog.broker.storage.PartitionLogException;
import io.ringlog.broker.storage.PartitionLogFactory;
import io.ringlog.broker.storage.PartitionLogFactoryProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ringlog broker}: the Kafka-wire-compatible broker. Settings come from {@code --config}
 * (Kafka properties style), with {@code --data-dir} and {@code --listen} winning over the file.
 * Runs only on a durable store (a registered {@link PartitionLogFactoryProvider}: the broker module
 * registers the log-core store); without one it reports that it is not implemented and exits 2.
 *
 * <p>Thread-safety: runs on the main thread only.
 */
@Command(name = "broker", mixinStandardHelpOptions = true, description = "Run the Kafka-compatible broker.")
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--config", description = "Kafka-style properties file.")
    Path config;

    @Option(names = "--data-dir", description = "Data directory (default: ./data, or log.dirs from --config).")
    Path dataDir;

    @Option(names = "--listen", description = "HOST:PORT to listen on (default: 127.0.0.1:9092, or listeners from --config).")
    String listen;

    /**
     * The command for {@code args} (after {@code broker}) when they are only the three options above,
     * each as {@code --name value} or {@code --name=value}; empty for anything else (help, an unknown
     * or repeated option, a missing value), which then goes through picocli for its usage and errors.
     * Why: picocli builds its model by reflecting on annotations (runtime-generated annotation proxies),
     * ~300 ms of a broker start on this VM; the broker's start is a speed goal (docs/broker.md).
     */
    static Optional<BrokerCommand> parseFast(String[] args) {
        BrokerCommand c = new BrokerCommand();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            String value;
            if (eq >= 0) {
                value = a.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return Optional.empty();
            }
            if (!name.equals("--config") && !name.equals("--data-dir") && !name.equals("--listen")
                || value.isEmpty() || seen.put(name, value) != null) {
                return Optional.empty();
            }
        }
        try {
            c.config = seen.containsKey("--config") ? Path.of(seen.get("--config")) : null;
            c.dataDir = seen.containsKey("--data-dir") ? Path.of(seen.get("--data-dir")) : null;
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        c.listen = seen.get("--listen");
        return Optional.of(c);
    }

    @Override
    public Integer call() {
        BrokerConfig settings;
        try {
            settings = resolveConfig();
        } catch (IOException e) {
            System.err.println("ringlog broker: cannot read the config file " + config + ": " + e);
            return 2;
        } catch (ConfigException e) {
            System.err.println("ringlog broker: bad configuration: " + e.getMessage());
            return 2;
        }
        Optional<PartitionLogFactoryProvider> store = PartitionLogFactoryProvider.findDurable();
        if (store.isEmpty()) {
            System.err.println("ringlog broker: not implemented yet: no durable log store is available "
                + "(see docs/status.md); data dir would be " + settings.dataDir().toAbsolutePath().normalize()
                + ", listen " + settings.listener().getHostString() + ":" + settings.listener().getPort());
            return 2;
        }
        PartitionLogFactory factory;
        try {
            factory = store.get().open(settings.dataDir(), settings.storeSettings());
        } catch (PartitionLogException e) {
            System.err.println("ringlog broker: cannot open the data directory: " + e.getMessage());
            return 1;
        }
        return BrokerRunner.run(settings, factory, System.out);
    }

    private BrokerConfig resolveConfig() throws IOException {
        BrokerConfig base = config == null ? BrokerConfig.of(Map.of()) : BrokerConfig.load(config);
        Map<String, String> overrides = new HashMap<>();
        if (dataDir != null) {
            overrides.put(BrokerConfig.LOG_DIRS, dataDir.toString());
        }
        if (listen != null) {
            overrides.put(BrokerConfig.LISTENERS, "PLAINTEXT://" + listen);
        }
        return base.with(overrides);
    }
}
