package io.ringlog.broker.storage.logcore;

import io.ringlog.broker.storage.PartitionLogException;
import io.ringlog.broker.storage.PartitionLogFactory;
import io.ringlog.broker.storage.PartitionLogFactoryProvider;
import io.ringlog.broker.storage.StoreSettings;

import java.nio.file.Path;

/**
 * Registers the log-core store with the broker ({@code META-INF/services}), so {@code bin/ringlog broker}
 * runs on it, with the store settings the broker read from its config keys.
 *
 * <p>Thread-safety: stateless.
 */
public final class LogCoreStoreProvider implements PartitionLogFactoryProvider {

    @Override
    public String name() {
        return "log-core";
    }

    @Override
    public PartitionLogFactory open(Path dataDir, StoreSettings settings) throws PartitionLogException {
        return new LogCorePartitionLogFactory(dataDir, settings);
    }
}
