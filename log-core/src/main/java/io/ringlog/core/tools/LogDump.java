package io.ringlog.core.tools;

import io.ringlog.core.format.BatchView;
import io.ringlog.core.format.RecordView;
import io.ringlog.core.segment.SegmentFileNames;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * {@code ringlog dump PATH}: prints the batches of a segment file or of every segment of a log
 * directory (offsets, position, size, timestamps, CRC status, record counts), like kafka-dump-log;
 * with records, one line per record; with JSON, one JSON object per line. Read-only; works while the
 * log is open.
 *
 * <p>Thread-safety: not thread-safe; one dump per instance.
 */
public final class LogDump {
    private static final int PREVIEW = 40;
    private final PrintStream out;
    private final boolean records;
    private final boolean json;

    public LogDump(PrintStream out, boolean records, boolean json) {
        this.out = out;
        this.records = records;
        this.json = json;
    }

    /** Dumps {@code path} (a {@code .log} file or a directory); returns the number of valid batches printed. */
    public long dump(Path path) throws IOException {
        List<Path> files = Files.isDirectory(path) ? LogVerify.segmentFiles(path) : List.of(path);
        long total = 0;
        for (Path f : files) {
            long base = SegmentFileNames.parseLogFile(f.getFileName().toString());
            if (!json) {
                out.println("Dumping " + f);
            }
            SegmentWalker.End end = new SegmentWalker().walk(f, base, (pos, batch) -> printBatch(f, pos, batch));
            total += end.batches();
            if (json) {
                out.println("{\"segment\":" + Json.quote(f.toString()) + ",\"end\":" + end.position()
                    + ",\"nextOffset\":" + end.nextOffset() + ",\"batches\":" + end.batches()
                    + ",\"stop\":" + Json.quote(end.reason()) + "}");
            } else {
                out.println("end: " + end.batches() + " batches, next offset " + end.nextOffset() + ", stopped at position "
                    + end.position() + ": " + end.reason());
            }
        }
        return total;
    }

    private void printBatch(Path file, long position, BatchView b) {
        if (json) {
            StringBuilder s = new StringBuilder("{\"segment\":").append(Json.quote(file.getFileName().toString()))
                .append(",\"position\":").append(position).append(",\"baseOffset\":").append(b.baseOffset())
                .append(",\"lastOffset\":").append(b.lastOffset()).append(",\"count\":").append(b.recordCount())
                .append(",\"size\":").append(b.sizeInBytes()).append(",\"baseTimestamp\":").append(b.baseTimestamp())
                .append(",\"maxTimestamp\":").append(b.maxTimestamp()).append(",\"compression\":").append(b.compression())
                .append(",\"producerId\":").append(b.producerId()).append(",\"crc\":").append(b.crc())
                .append(",\"crcValid\":true");
            if (records && !b.isCompressed()) {
                s.append(",\"records\":[");
                String sep = "";
                for (Iterator<RecordView> it = b.records(); it.hasNext(); sep = ",") {
                    RecordView r = it.next();
                    s.append(sep).append("{\"offset\":").append(r.offset()).append(",\"timestamp\":").append(r.timestamp())
                        .append(",\"key\":").append(Json.quote(preview(r.key()))).append(",\"value\":")
                        .append(Json.quote(preview(r.value()))).append(",\"headers\":").append(r.headers().size())
                        .append('}');
                }
                s.append(']');
            }
            out.println(s.append('}'));
            return;
        }
        out.println("baseOffset: " + b.baseOffset() + " lastOffset: " + b.lastOffset() + " count: " + b.recordCount()
            + " position: " + position + " size: " + b.sizeInBytes() + " maxTimestamp: " + b.maxTimestamp()
            + " compression: " + b.compression() + " producerId: " + b.producerId() + " crc: "
            + Long.toHexString(b.crc()) + " isValid: true");
        if (records && !b.isCompressed()) {
            for (Iterator<RecordView> it = b.records(); it.hasNext(); ) {
                RecordView r = it.next();
                out.println("| offset: " + r.offset() + " timestamp: " + r.timestamp() + " keySize: "
                    + size(r.key()) + " valueSize: " + size(r.value()) + " headers: " + r.headers().size()
                    + " value: " + preview(r.value()));
            }
        }
    }

    private static int size(ByteBuffer b) {
        return b == null ? -1 : b.remaining();
    }

    private static String preview(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] bytes = new byte[Math.min(PREVIEW, b.remaining())];
        b.duplicate().get(bytes);
        String s = new String(bytes, StandardCharsets.UTF_8);
        return b.remaining() > PREVIEW ? s + "..." : s;
    }
}
