package io.ringlog.io;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlignmentTest {

    @Test
    void shouldRoundToBlockMultiples() {
        assertEquals(0, Alignment.alignUp(0));
        assertEquals(4096, Alignment.alignUp(1));
        assertEquals(4096, Alignment.alignUp(4096));
        assertEquals(8192, Alignment.alignUp(4097));
        assertEquals(4096, Alignment.alignDown(8191));
    }

    @Test
    void shouldNameEachBadValue() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment aligned = arena.allocate(8192, 4096);
            assertDoesNotThrow(() -> Alignment.check(aligned, 4096, "write"));

            var badAddress = assertThrows(MisalignedBufferException.class,
                () -> Alignment.check(aligned.asSlice(512, 4096), 0, "write"));
            assertTrue(badAddress.getMessage().contains("buffer address 0x"), badAddress.getMessage());

            var badLength = assertThrows(MisalignedBufferException.class,
                () -> Alignment.check(aligned.asSlice(0, 1000), 0, "write"));
            assertTrue(badLength.getMessage().contains("length 1000"), badLength.getMessage());

            var badOffset = assertThrows(MisalignedBufferException.class,
                () -> Alignment.check(aligned.asSlice(0, 4096), 100, "write"));
            assertTrue(badOffset.getMessage().contains("file offset 100"), badOffset.getMessage());
        }
    }

    @Test
    void shouldRejectHeapSegments() {
        var e = assertThrows(MisalignedBufferException.class,
            () -> Alignment.check(MemorySegment.ofArray(new byte[4096]), 0, "write"));
        assertTrue(e.getMessage().contains("native"), e.getMessage());
    }
}
