package io.ringlog.core.tools;

import io.ringlog.core.Log;
import io.ringlog.core.LogConfig;
import io.ringlog.core.segment.SegmentFileNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.*;

class ToolsTest {
    @TempDir
    Path dir;

    private void writeLog(int n) throws Exception {
        LogConfig config = LogConfig.builder().segmentBytes(64 * 1024).maxPendingBytes(16 * 1024)
            .maxBatchBytes(8 * 1024).segmentsPreparedAhead(1).build();
        try (Log log = Log.open(dir, config)) {
            for (int i = 0; i < n; i++) {
                log.append(ByteBuffer.wrap(("value \"" + i + "\" " + "d".repeat(300)).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void dumpShouldPrintEveryBatchAndRecord() throws Exception {
        writeLog(5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long batches = new LogDump(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, false)
            .dump(SegmentFileNames.logFile(dir, 0));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(5, batches);
        assertTrue(text.contains("baseOffset: 4 lastOffset: 4 count: 1"), text);
        assertTrue(text.contains("| offset: 3 "), text);
        assertTrue(text.contains("end: 5 batches, next offset 5"), text);
    }

    @Test
    void dumpJsonShouldEmitOneObjectPerLine() throws Exception {
        writeLog(3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new LogDump(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, true).dump(dir);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("{\"segment\":") && lines[0].endsWith("}"), lines[0]);
        assertTrue(lines[1].contains("\"value\":\"value \\\"1\\\" "), lines[1]);
        assertTrue(lines[3].contains("\"nextOffset\":3"), lines[3]);
    }

    @Test
    void verifyShouldPassAHealthyLogAndFailAGap() throws Exception {
        writeLog(600);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VerifyResult ok = new LogVerify(new PrintStream(bytes, true, StandardCharsets.UTF_8)).verify(dir);
        assertTrue(ok.ok(), bytes.toString());
        assertEquals(600, ok.nextOffset());
        assertTrue(ok.segments() >= 3);
        assertTrue(bytes.toString().contains("OK: "), bytes.toString());

        try (FileChannel ch = FileChannel.open(SegmentFileNames.logFile(dir, 0), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 5000);
        }
        VerifyResult bad = new LogVerify(new PrintStream(new ByteArrayOutputStream())).verify(dir);
        assertFalse(bad.ok());
        assertTrue(bad.problems().getFirst().contains("missing offsets"), bad.problems().toString());
        assertTrue(bad.summary().startsWith("FAILED"));
    }

    @Test
    void verifyShouldOnlyWarnAboutATornTail() throws Exception {
        writeLog(10);
        Files.delete(dir.resolve(SegmentFileNames.CLEAN_SHUTDOWN));
        long end = new LogVerify(new PrintStream(new ByteArrayOutputStream())).verify(dir).bytes();
        try (FileChannel ch = FileChannel.open(SegmentFileNames.logFile(dir, 0), StandardOpenOption.WRITE)) {
            ByteBuffer junk = ByteBuffer.allocate(61);
            junk.putLong(0, 10).putInt(8, 400).put(16, (byte) 2);
            ch.write(junk, end);
        }
        VerifyResult r = new LogVerify(new PrintStream(new ByteArrayOutputStream())).verify(dir);
        assertTrue(r.ok());
        assertEquals(10, r.nextOffset());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
    }
}
