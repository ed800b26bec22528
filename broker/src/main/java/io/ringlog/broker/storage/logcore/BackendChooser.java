package io.ringlog.broker.storage.logcore;

import io.ringlog.broker.storage.StoreSettings;
import io.ringlog.io.AutoBackend;
import io.ringlog.io.BackendKind;
import io.ringlog.io.IoBackend;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.IoBackends;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Creates the write backend of each partition's log. The write path is chosen once for the data
 * directory ({@code auto}: probe and calibrate once, cached in the directory, then reused by every
 * partition), not per partition. io_uring registered memory is pinned and counted against
 * RLIMIT_MEMLOCK (8 MiB per user on this machine): a log-core log alone asks for 4 MiB, so the third
 * partition's registration would already fail. Here the partitions share a budget: each gets exactly
 * its two tail buffers registered while the budget lasts, the others none (their writes use WRITE
 * instead of WRITE_FIXED, about 10% more CPU per write, same latency).
 *
 * <p>Thread-safety: thread-safe.
 */
final class BackendChooser {
    private static final int RING_ENTRIES = 64;

    private final Path dataDir;
    private final StoreSettings settings;
    private BackendKind kind;
    private long budgetLeft;

    BackendChooser(Path dataDir, StoreSettings settings) {
        this.dataDir = dataDir;
        this.settings = settings;
        this.budgetLeft = settings.registeredBytesBudget();
    }

    /** Takes registered memory for a log with two tail buffers of {@code tailBufferBytes}, if the budget allows. */
    synchronized Lease lease(long tailBufferBytes) {
        long wanted = 2 * tailBufferBytes;
        long granted = wanted <= budgetLeft ? wanted : 0;
        budgetLeft -= granted;
        return new Lease(granted);
    }

    private synchronized void giveBack(long bytes) {
        budgetLeft += bytes;
    }

    /** The write path for every partition of this data directory, chosen on first use. */
    synchronized BackendKind kind() throws IOException {
        if (kind == null) {
            if (io.ringlog.core.LogConfig.AUTO.equalsIgnoreCase(settings.writePath())) {
                try (AutoBackend chosen = IoBackends.auto(dataDir, IoBackendConfig.DEFAULT.withRegisteredBytes(0))) {
                    kind = chosen.selection().chosen();
                }
            } else {
                kind = BackendKind.fromExternalName(settings.writePath());
            }
        }
        return kind;
    }

    /**
     * One partition's share: creates its backend with the granted registered memory; {@link #release}
     * (on log close, or a failed open) returns the share. Thread-safety: thread-safe.
     */
    final class Lease {
        private final long registeredBytes;
        private boolean released;

        private Lease(long registeredBytes) {
            this.registeredBytes = registeredBytes;
        }

        /** Registered memory granted to this partition (0: none). */
        long registeredBytes() {
            return registeredBytes;
        }

        IoBackend create(Path dir) throws IOException {
            return IoBackends.create(kind(), new IoBackendConfig(registeredBytes, false, RING_ENTRIES));
        }

        void release() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            giveBack(registeredBytes);
        }
    }
}
