package io.ringlog.broker.storage;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A durable storage engine the broker can run on, found with {@link ServiceLoader}: the log-core
 * adapter registers itself in {@code META-INF/services/io.ringlog.broker.storage.PartitionLogFactoryProvider}.
 * The in-memory test store is deliberately not registered, so {@code bin/ringlog broker} never runs
 * on it.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface PartitionLogFactoryProvider {

    /** A short name for logs, e.g. {@code log-core}. */
    String name();

    /** Opens (creating if needed) the store in {@code dataDir} with the broker's store-wide settings. */
    PartitionLogFactory open(Path dataDir, StoreSettings settings) throws PartitionLogException;

    /** The first registered durable provider, if any. */
    static Optional<PartitionLogFactoryProvider> findDurable() {
        return ServiceLoader.load(PartitionLogFactoryProvider.class).findFirst();
    }
}
