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
    void shouldRejectNonPositiveSizes() {
        try (AlignedMemory memory = new AlignedMemory()) {
            assertThrows(IllegalArgumentException.class, () -> memory.allocate(0));
        }
    }
}
