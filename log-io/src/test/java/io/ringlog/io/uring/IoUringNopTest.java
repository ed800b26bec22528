package io.ringlog.io.uring;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

class IoUringNopTest extends UringTestSupport {
    private static final int NOPS = 20_000;

    @Test
    void shouldSubmitAndReapNopsOnBothRingKinds() throws Exception {
        for (boolean singleIssuer : new boolean[] {true, false}) {
            try (IoUring ring = IoUring.create(8, singleIssuer)) {
                for (int i = 0; i < 3 * ring.entries() + 5; i++) {
                    ring.nop(); // wraps the SQ and CQ rings several times
                }
            }
        }
    }

    @Test
    void shouldNotAllocatePerNopOnceWarm() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (IoUring ring = IoUring.create(8, true)) {
            for (int i = 0; i < NOPS; i++) {
                ring.nop();
            }
            long id = Thread.currentThread().threadId();
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < NOPS; i++) {
                ring.nop();
            }
            long perOp = (threads.getThreadAllocatedBytes(id) - before) / NOPS;
            // Interpreted or C1 code may still allocate a little; a per-op object would be >= 16 bytes.
            assertTrue(perOp < 16, "allocated " + perOp + " bytes per NOP");
        }
    }
}
