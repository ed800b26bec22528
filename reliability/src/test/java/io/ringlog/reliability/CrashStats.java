package io.ringlog.reliability;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the power-loss crashes of this JVM covered, printed after a run so that the docs can state it:
 * crashes, crashes with namespace operations pending (and with some of them undone), and non-backend
 * writes caught in flight (zero-fills of prepared files, small-file writes).
 *
 * <p>Thread-safety: thread-safe (LongAdders).
 */
final class CrashStats {
    private static final LongAdder CRASHES = new LongAdder();
    private static final LongAdder WITH_PENDING = new LongAdder();
    private static final LongAdder WITH_UNDONE = new LongAdder();
    private static final LongAdder UNDONE_OPS = new LongAdder();
    private static final LongAdder ZERO_FILLS = new LongAdder();
    private static final LongAdder SMALL_WRITES = new LongAdder();

    private CrashStats() {
    }

    static void crash(int pending, int undone, InFlightFileWrite inFlight) {
        CRASHES.increment();
        if (pending > 0) {
            WITH_PENDING.increment();
        }
        if (undone > 0) {
            WITH_UNDONE.increment();
            UNDONE_OPS.add(undone);
        }
        if (inFlight != null) {
            (inFlight.name().endsWith(".tmp") && inFlight.name().startsWith("prepared-") ? ZERO_FILLS : SMALL_WRITES)
                .increment();
        }
    }

    static String summary() {
        return CRASHES.sum() + " crashes, " + WITH_PENDING.sum() + " with namespace operations pending, "
            + WITH_UNDONE.sum() + " undoing some (" + UNDONE_OPS.sum() + " operations undone), in flight: "
            + ZERO_FILLS.sum() + " zero-fills, " + SMALL_WRITES.sum() + " small-file writes";
    }
}
