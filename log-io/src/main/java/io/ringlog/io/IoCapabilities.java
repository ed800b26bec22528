package io.ringlog.io;

import io.ringlog.io.uring.IoUringProbe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which write paths work here, Netty-style: the expensive probes run once per process (io_uring once,
 * storage once per directory) and every backend answers {@link #isAvailable(BackendKind)} with an
 * {@link #unavailabilityCause(BackendKind)}. Each backend can be switched off with a system property,
 * read on every query so tests and operators can flip it at run time:
 *
 * <table>
 * <caption>Switches</caption>
 * <tr><th>property</th><th>default</th><th>effect</th></tr>
 * <tr><td>{@code ringlog.io_uring.disable}</td><td>false</td><td>io_uring off ({@link IoUringProbe#DISABLE_PROPERTY})</td></tr>
 * <tr><td>{@code ringlog.io.pwrite_dsync.disable}</td><td>false</td><td>pwrite_dsync off</td></tr>
 * <tr><td>{@code ringlog.io.filechannel_dsync_direct.disable}</td><td>false</td><td>filechannel_dsync_direct off</td></tr>
 * <tr><td>{@code ringlog.io.filechannel_force.disable}</td><td>false</td><td>filechannel_force off</td></tr>
 * </table>
 *
 * <p>Thread-safety: immutable snapshot; the static factory and caches are safe from any thread.
 */
public final class IoCapabilities {
    private static final Map<Path, StorageInfo> STORAGE = new ConcurrentHashMap<>();
    private static volatile String kernel;

    private final StorageInfo storage;
    private final IoUringProbe.Result ioUring;

    private IoCapabilities(StorageInfo storage, IoUringProbe.Result ioUring) {
        this.storage = storage;
        this.ioUring = ioUring;
    }

    /** The capabilities for files in {@code directory}, probed once per directory per process. */
    public static IoCapabilities of(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        StorageInfo info = STORAGE.get(dir);
        if (info == null) {
            info = StorageProbe.probe(dir);
            STORAGE.putIfAbsent(dir, info);
        }
        return new IoCapabilities(info, IoUringProbe.probe());
    }

    /** The running kernel's release, e.g. {@code "6.18.44"} (from /proc/sys/kernel/osrelease). */
    public static String kernel() {
        String k = kernel;
        if (k == null) {
            try {
                k = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
            } catch (IOException e) {
                k = System.getProperty("os.version", StorageInfo.UNKNOWN);
            }
            kernel = k;
        }
        return k;
    }

    /** The system property that switches {@code kind} off when set to {@code true}. */
    public static String disableProperty(BackendKind kind) {
        return kind == BackendKind.IO_URING ? IoUringProbe.DISABLE_PROPERTY
            : "ringlog.io." + kind.externalName() + ".disable";
    }

    /** Why {@code kind} is switched off by its property, or null when it is not. */
    public static String disabledCause(BackendKind kind) {
        String property = disableProperty(kind);
        return Boolean.getBoolean(property) ? "disabled by -D" + property + "=true" : null;
    }

    /** The probed storage of the directory. */
    public StorageInfo storage() {
        return storage;
    }

    /** The process-wide io_uring probe. */
    public IoUringProbe.Result ioUring() {
        return ioUring;
    }

    /** True when {@code kind} can be used for files in this directory. */
    public boolean isAvailable(BackendKind kind) {
        return unavailabilityCause(kind) == null;
    }

    /** Why {@code kind} cannot be used here, or null when it can. */
    public String unavailabilityCause(BackendKind kind) {
        String disabled = disabledCause(kind);
        if (disabled != null) {
            return disabled;
        }
        if (kind == BackendKind.IO_URING && !ioUring.available()) {
            return "io_uring unavailable: " + ioUring.unavailabilityCause();
        }
        if (kind.needsDirectIo() && !storage.directIo()) {
            return storage.directIoCause();
        }
        return null;
    }

    /** The available backends in {@link BackendKind} order. */
    public List<BackendKind> availableBackends() {
        List<BackendKind> out = new ArrayList<>();
        for (BackendKind k : BackendKind.values()) {
            if (isAvailable(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** Forgets the cached storage probes (tests; a remount under the same path). */
    static void clearStorageCache() {
        STORAGE.clear();
    }
}
