package io.ringlog.io.uring;

import io.ringlog.io.BackendKind;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.IoBackends;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IoUringProbeTest extends UringTestSupport {

    @Test
    void probeShouldReportAcceptedFlagsAndEveryOpRinglogUses() {
        IoUringProbe.Result r = IoUringProbe.probe();
        assertTrue(r.available());
        assertNull(r.unavailabilityCause());
        assertTrue(r.supportedOps().containsAll(
            java.util.Set.of("NOP", "READ", "WRITE", "READ_FIXED", "WRITE_FIXED", "FSYNC")), r.supportedOps().toString());
        assertEquals(io.ringlog.io.uring.abi.SetupFlags.names(r.setupFlags()), r.setupFlagNames());
        assertSame(r, IoUringProbe.probe(), "the kernel is probed once");
    }

    @Test
    void singleIssuerRingShouldGetDeferTaskrunAndSharedRingCoopTaskrunOnThisKernel() throws Exception {
        // SINGLE_ISSUER|DEFER_TASKRUN need 6.1, COOP_TASKRUN 5.19; on older kernels the chain falls back.
        assumeKernelAtLeast(6, 1);
        try (IoUring si = IoUring.create(8, true); IoUring shared = IoUring.create(8, false)) {
            assertEquals("SINGLE_ISSUER|DEFER_TASKRUN", si.setupFlagNames());
            assertEquals("COOP_TASKRUN", shared.setupFlagNames());
            assertTrue(si.isSingleIssuer());
            assertFalse(shared.isSingleIssuer());
        }
    }

    @Test
    void disableProperyShouldMakeIoUringUnavailableWithThatCause() {
        String old = System.setProperty(IoUringProbe.DISABLE_PROPERTY, "true");
        try {
            assertFalse(IoUringProbe.isAvailable());
            assertTrue(IoUringProbe.unavailabilityCause().contains(IoUringProbe.DISABLE_PROPERTY),
                IoUringProbe.unavailabilityCause());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> IoBackends.create(BackendKind.IO_URING, IoBackendConfig.DEFAULT));
            assertTrue(e.getMessage().contains(IoUringProbe.DISABLE_PROPERTY), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(IoUringProbe.DISABLE_PROPERTY);
            } else {
                System.setProperty(IoUringProbe.DISABLE_PROPERTY, old);
            }
        }
        assertTrue(IoUringProbe.isAvailable());
    }

    @Test
    void sysctlDescriptionShouldExplainTheValue() {
        String d = IoUringProbe.sysctlDescription();
        assertTrue(d.startsWith("kernel.io_uring_disabled=") || d.startsWith("no kernel.io_uring_disabled"), d);
    }

    private static void assumeKernelAtLeast(int major, int minor) {
        String[] v = System.getProperty("os.version").split("[.-]");
        int maj = Integer.parseInt(v[0]);
        int min = Integer.parseInt(v[1]);
        org.junit.jupiter.api.Assumptions.assumeTrue(maj > major || (maj == major && min >= minor),
            "kernel " + System.getProperty("os.version") + " is older than " + major + "." + minor);
    }
}
