package io.ringlog.io;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlignedMemoryTest {

    @Test
    void shouldHandOutAlignedZeroedBlocksAndCountTheArena() {
        long before = OpenResources.open(OpenResources.Kind.ARENA);
        AlignedMemory memory = new AlignedMemory();
        assertEquals(before + 1, OpenResources.open(OpenResources.Kind.ARENA));
        MemorySegment s = memory.allocate(5000);
        assertEquals(8192, s.byteSize());
        assertTrue(Alignment.isAligned(s.address()));
        assertEquals(-1, s.mismatch(MemorySegment.ofArray(new byte[8192])));
        assertEquals(8192, memory.allocatedBytes());
        memory.close();
        memory.close();
        assertEquals(before, OpenResources.open(OpenResources.Kind.ARENA));
        assertThrows(IllegalStateException.class, () -> memory.allocate(1));
        assertThrows(IllegalStateException.class, () -> s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0));
    }

    @Test
    void largeBlocksShouldBeZeroedAlignedWritableAndCostNoResidentMemoryUntilTouched() throws Exception {
        long size = 64L << 20;
        long rssBefore = residentKiB();
        try (AlignedMemory memory = new AlignedMemory()) {
            MemorySegment s = memory.allocate(size);
            assertEquals(size, s.byteSize());
            assertTrue(Alignment.isAligned(s.address()));
            long rssAfter = residentKiB();
            if (rssBefore > 0) {
                // Arena.allocate would have written 64 MiB of zeros; the mapping costs nothing yet.
                assertTrue(rssAfter - rssBefore < 32 * 1024, "RSS grew by " + (rssAfter - rssBefore) + " KiB");
            }
            assertEquals(0, s.get(java.lang.foreign.ValueLayout.JAVA_LONG, size - 8));
            s.set(java.lang.foreign.ValueLayout.JAVA_LONG, size - 8, 42L);
            assertEquals(42L, s.get(java.lang.foreign.ValueLayout.JAVA_LONG, size - 8));
            memory.close();
            assertThrows(IllegalStateException.class, () -> s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0));
        }
    }

    /** VmRSS from /proc, or -1 where there is no /proc. */
    private static long residentKiB() throws java.io.IOException {
        java.nio.file.Path status = java.nio.file.Path.of("/proc/self/status");
        if (!java.nio.file.Files.exists(status)) {
            return -1;
        }
        for (String line : java.nio.file.Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    @Test
    void shouldRejectNonPositiveSizes() {
        try (AlignedMemory memory = new AlignedMemory()) {
            assertThrows(IllegalArgumentException.class, () -> memory.allocate(0));
        }
    }
}
