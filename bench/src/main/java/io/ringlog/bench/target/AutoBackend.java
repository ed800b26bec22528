package io.ringlog.bench.target;

import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.IoBackends;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code auto} backend: log-io's {@link IoBackends#auto(Path, IoBackendConfig)} (probe what works,
 * calibrate on the directory, pick the lowest p50).
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
final class AutoBackend {
    private AutoBackend() {
    }

    static io.ringlog.io.AutoBackend create(Path dir, IoBackendConfig config) throws IOException {
        return IoBackends.auto(dir, config);
    }
}
