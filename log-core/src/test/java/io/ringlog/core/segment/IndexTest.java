package io.ringlog.core.segment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class IndexTest {
    @TempDir
    Path dir;

    @Test
    void offsetIndexShouldFindTheFloorEntry() {
        OffsetIndex index = new OffsetIndex(100, 2);
        assertEquals(0, index.floorPosition(150));
        index.add(110, 1000);
        index.add(120, 2000);
        index.add(130, 3000);
        index.add(125, 4000); // not increasing: ignored
        assertEquals(3, index.entries());
        assertEquals(0, index.floorPosition(105));
        assertEquals(100, index.floorOffset(105));
        assertEquals(1000, index.floorPosition(110));
        assertEquals(2000, index.floorPosition(129));
        assertEquals(3000, index.floorPosition(10_000));
        index.truncateToPosition(2000);
        assertEquals(1, index.entries());
        assertEquals(110, index.lastOffset());
    }

    @Test
    void offsetIndexShouldRoundTripThroughItsFileAndRejectDamage() throws Exception {
        OffsetIndex index = new OffsetIndex(7, 4);
        for (int i = 1; i <= 100; i++) {
            index.add(7 + i * 3L, i * 512L);
        }
        Path f = dir.resolve("x.index");
        index.writeTo(io.ringlog.io.FileSystemOps.real(), f);
        assertEquals(100 * IndexFileDescriptor.OFFSET_ENTRY_SIZE, Files.size(f));
        OffsetIndex back = OffsetIndex.load(f, 7, 1 << 20);
        assertEquals(100, back.entries());
        assertEquals(512 * 50, back.floorPosition(7 + 151));
        assertNull(OffsetIndex.load(f, 7, 1000), "positions beyond the file");
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length - 1] = 0;
        bytes[bytes.length - 2] = 0;
        bytes[bytes.length - 3] = 0;
        bytes[bytes.length - 4] = 0;
        Files.write(f, bytes);
        assertNull(OffsetIndex.load(f, 7, 1 << 20), "torn last entry (zero position) is not increasing");
        assertNull(OffsetIndex.load(dir.resolve("missing.index"), 7, 1 << 20));
    }

    @Test
    void timeIndexShouldGiveAConservativeScanStart() throws Exception {
        TimeIndex index = new TimeIndex(0, 2);
        index.add(100, 10);
        index.add(200, 20);
        index.add(300, 30);
        assertEquals(0, index.startOffsetFor(50));
        assertEquals(0, index.startOffsetFor(100));
        assertEquals(10, index.startOffsetFor(101));
        assertEquals(30, index.startOffsetFor(1000));
        Path f = dir.resolve("x.timeindex");
        index.writeTo(io.ringlog.io.FileSystemOps.real(), f);
        TimeIndex back = TimeIndex.load(f, 0);
        assertEquals(300, back.maxTimestamp());
        assertEquals(20, back.startOffsetFor(250));
        index.truncateToOffset(20);
        assertEquals(1, index.entries());
    }

    @Test
    void fileNamesShouldUseTwentyDigitBaseOffsets() {
        assertEquals("00000000000000000042", SegmentFileNames.baseName(42));
        assertEquals(42, SegmentFileNames.parseLogFile("00000000000000000042.log"));
        assertEquals(-1, SegmentFileNames.parseLogFile("0000000000000000042.log"));
        assertEquals(-1, SegmentFileNames.parseLogFile("00000000000000000042.index"));
        assertEquals(Long.MAX_VALUE, SegmentFileNames.parseLogFile(SegmentFileNames.baseName(Long.MAX_VALUE) + ".log"));
        assertEquals(3, SegmentFileNames.parsePreparedSequence("prepared-00000003.segment"));
        assertThrows(IllegalArgumentException.class, () -> SegmentFileNames.baseName(-1));
    }
}
