package io.ringlog.io.uring;

import org.junit.jupiter.api.Test;

class IoUringNopTest extends UringTestSupport {
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
}
