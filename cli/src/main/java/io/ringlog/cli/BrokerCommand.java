package io.ringlog.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ringlog broker}: the Kafka-wire-compatible broker (issue 5; not implemented yet).
 *
 * <p>Thread-safety: runs on the main thread only.
 */
@Command(name = "broker", description = "Run the Kafka-compatible broker (not implemented yet).")
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--config", description = "Kafka-style properties file.")
    Path config;

    @Option(names = "--data-dir", defaultValue = "./data", description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--listen", defaultValue = "127.0.0.1:9092", description = "HOST:PORT to listen on (default: ${DEFAULT-VALUE}).")
    String listen;

    @Override
    public Integer call() {
        System.err.println("ringlog broker: not implemented yet (see docs/status.md); data dir would be "
            + dataDir.toAbsolutePath().normalize() + ", listen " + listen);
        return 2;
    }
}
