package io.ringlog.broker.group;

import io.ringlog.broker.topic.SerialExecutor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Runs the coordinator's blocking {@link GroupStore} writes off the network and timer threads, on the
 * I/O pool, keeping the writes of one group id in the order they were queued (the store contract):
 * each group id maps to one of {@value #STRIPES} serial executors. A group id always maps to the same
 * one, even across a delete and re-create of the group, so a deletion can never overtake a later commit.
 *
 * <p>Thread-safety: thread-safe.
 */
final class StoreWriter {
    private static final int STRIPES = 16;

    /** One blocking store call. */
    @FunctionalInterface
    interface Write {
        void run() throws GroupStoreException;
    }

    private final SerialExecutor[] stripes = new SerialExecutor[STRIPES];

    StoreWriter(Executor pool) {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new SerialExecutor(pool);
        }
    }

    /** Queues {@code write} for {@code groupId}; the future completes when it is durable, or fails with its error. */
    CompletableFuture<Void> write(String groupId, Write write) {
        return CompletableFuture.runAsync(() -> {
            try {
                write.run();
            } catch (GroupStoreException e) {
                throw new CompletionException(e);
            }
        }, stripes[Math.floorMod(groupId.hashCode(), STRIPES)]);
    }
}
