package io.ringlog.io.uring;

import io.ringlog.io.OpenResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Base of the io_uring tests: skips when the kernel truly lacks io_uring (with the probe's cause as
 * the message) and checks after every test that each fd, arena and ring it opened was closed.
 */
abstract class UringTestSupport {
    private String before;

    @BeforeEach
    void requireIoUringAndSnapshotResources() {
        assumeTrue(IoUringProbe.isAvailable(), IoUringProbe::unavailabilityCause);
        before = OpenResources.summary();
    }

    @AfterEach
    void everyResourceOpenedByTheTestIsClosed() {
        if (before != null) {
            assertEquals(before, OpenResources.summary(), "native resources leaked by the test");
        }
    }

    /** Fills {@code block} with bytes that depend on {@code seed} and the position. */
    static void fill(MemorySegment block, int seed) {
        for (long i = 0; i < block.byteSize(); i += Long.BYTES) {
            block.set(ValueLayout.JAVA_LONG, i, seed * 0x9E3779B97F4A7C15L + i);
        }
    }

    /** Byte-compares two segments of equal size; returns -1 when equal. */
    static long mismatch(MemorySegment a, MemorySegment b) {
        return a.mismatch(b);
    }
}
