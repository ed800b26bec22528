package io.ringlog.broker.storage.logcore;

import io.ringlog.broker.storage.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The partitions share one registered-memory budget; a closed partition's share goes back. */
class BackendChooserTest {
    @TempDir
    Path dir;

    @Test
    void shouldGrantRegisteredMemoryUntilTheBudgetIsUsedAndTakeItBackOnRelease() throws Exception {
        BackendChooser chooser = new BackendChooser(dir, StoreSettings.DEFAULTS.withWritePath("filechannel_force"));
        long tail = 1 << 20; // two tail buffers of 1 MiB: 2 MiB of the 4 MiB budget each
        BackendChooser.Lease first = chooser.lease(tail);
        BackendChooser.Lease second = chooser.lease(tail);
        BackendChooser.Lease third = chooser.lease(tail);
        assertEquals(2L << 20, first.registeredBytes());
        assertEquals(2L << 20, second.registeredBytes());
        assertEquals(0, third.registeredBytes(), "budget used up: plain WRITE");
        first.release();
        first.release();
        assertEquals(2L << 20, chooser.lease(tail).registeredBytes());
        assertEquals(0, chooser.lease(tail).registeredBytes());
    }
}
