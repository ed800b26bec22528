package io.ringlog.core;

import io.ringlog.io.IoBackend;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Creates the write backend of a log for its directory. The default chooses by {@link LogConfig#writePath()};
 * supply one to use a custom or fault-injecting backend.
 *
 * <p>Thread-safety: implementations must be safe to call from the thread that opens the log.
 */
@FunctionalInterface
public interface IoBackendFactory {
    IoBackend create(Path dir) throws IOException;
}
