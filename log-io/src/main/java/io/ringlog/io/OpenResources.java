package io.ringlog.io;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Process-wide counts of the native resources log-io opens (file descriptors, arenas, io_uring rings),
 * so tests can assert that everything they opened was closed (a leak check in the spirit of
 * Chronicle's QueueTestCommon). Every open increments, every first close decrements.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class OpenResources {
    private static final AtomicLong FDS = new AtomicLong();
    private static final AtomicLong ARENAS = new AtomicLong();
    private static final AtomicLong RINGS = new AtomicLong();

    private OpenResources() {
    }

    /** The kinds of tracked resources. */
    public enum Kind { FD, ARENA, RING }

    /** Records that a resource of {@code kind} was opened. */
    public static void opened(Kind kind) {
        counter(kind).incrementAndGet();
    }

    /** Records that a resource of {@code kind} was closed (call once per resource). */
    public static void closed(Kind kind) {
        counter(kind).decrementAndGet();
    }

    /** How many of {@code kind} are open now. */
    public static long open(Kind kind) {
        return counter(kind).get();
    }

    /** A one-line summary such as {@code "fds=0 arenas=0 rings=0"}. */
    public static String summary() {
        return "fds=" + FDS.get() + " arenas=" + ARENAS.get() + " rings=" + RINGS.get();
    }

    private static AtomicLong counter(Kind kind) {
        return switch (kind) {
            case FD -> FDS;
            case ARENA -> ARENAS;
            case RING -> RINGS;
        };
    }
}
