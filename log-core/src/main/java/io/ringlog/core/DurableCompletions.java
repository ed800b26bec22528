package io.ringlog.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

/**
 * Futures waiting for offsets to become durable. The flush leader finds them (it holds the append
 * lock), but completes them on the common ForkJoin pool so that callers' dependent actions never run
 * under the log's lock. Costs nothing on the append path while nobody waits (a volatile count is
 * checked first).
 *
 * <p>Thread-safety: thread-safe (synchronized; the count is volatile).
 */
final class DurableCompletions {
    private final TreeMap<Long, List<CompletableFuture<Long>>> pending = new TreeMap<>();
    private volatile int waiting;
    private Throwable terminal;

    int waiting() {
        return waiting;
    }

    synchronized CompletableFuture<Long> register(long offset, LogState state) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        if (terminal != null) {
            f.completeExceptionally(terminal);
        } else if (state.endOffset() > offset) {
            f.complete(offset);
        } else {
            pending.computeIfAbsent(offset, k -> new ArrayList<>(1)).add(f);
            waiting++;
            // Re-check: a write may have become durable between the check above and the registration.
            completeBelow(state.endOffset());
        }
        return f;
    }

    /** Completes every future for an offset below {@code end}. */
    synchronized void completeBelow(long end) {
        Map<Long, List<CompletableFuture<Long>>> done = pending.headMap(end, false);
        for (Map.Entry<Long, List<CompletableFuture<Long>>> e : done.entrySet()) {
            long offset = e.getKey();
            for (CompletableFuture<Long> f : e.getValue()) {
                ForkJoinPool.commonPool().execute(() -> f.complete(offset));
                waiting--;
            }
        }
        done.clear();
    }

    /** Fails every pending future and all later registrations with {@code cause}. */
    synchronized void failAll(Throwable cause) {
        terminal = cause;
        for (List<CompletableFuture<Long>> fs : pending.values()) {
            fs.forEach(f -> ForkJoinPool.commonPool().execute(() -> f.completeExceptionally(cause)));
        }
        pending.clear();
        waiting = 0;
    }
}
