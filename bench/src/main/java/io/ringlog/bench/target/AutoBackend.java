package io.ringlog.bench.target;

import io.ringlog.io.IoBackend;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.IoBackends;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * The {@code auto} backend: log-io's {@code IoBackends.auto(Path, IoBackendConfig)} (probe what works,
 * calibrate on the directory, pick the lowest p50). That method arrives with the log-io merge; until
 * then this branch's log-io lacks it, so it is looked up by reflection and {@code auto} is reported
 * unavailable with that cause. Extension point: once merged, replace the body of {@link #create} with
 * {@code return IoBackends.auto(dir, config);} and delete the reflection.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
final class AutoBackend {
    private AutoBackend() {
    }

    static IoBackend create(Path dir, IoBackendConfig config) throws Exception {
        Method auto;
        try {
            auto = IoBackends.class.getMethod("auto", Path.class, IoBackendConfig.class);
        } catch (NoSuchMethodException e) {
            throw new UnsupportedOperationException(
                "IoBackends.auto(Path, IoBackendConfig) is not in this build (arrives with the log-io merge)", e);
        }
        if (!IoBackend.class.isAssignableFrom(auto.getReturnType())) {
            throw new UnsupportedOperationException("IoBackends.auto returns " + auto.getReturnType().getName()
                + ", not an IoBackend: wire it in AutoBackend");
        }
        try {
            return (IoBackend) auto.invoke(null, dir, config);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
