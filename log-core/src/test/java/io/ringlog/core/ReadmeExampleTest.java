package io.ringlog.core;

import io.ringlog.core.format.LogRecord;
import io.ringlog.core.format.RecordView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The embedded-API example proposed for README.md, kept compiling and passing. */
class ReadmeExampleTest {
    @TempDir
    Path tmp;

    @Test
    void readmeExampleShouldWork() throws Exception {
        List<String> printed = new ArrayList<>();
        Path dir = tmp.resolve("wal");
        // --- README example starts here ---
        LogConfig config = LogConfig.builder().segmentBytes(64L << 20).durability(Durability.SYNC).build();
        try (Log log = Log.open(dir, config)) {                                  // creates or recovers
            long offset = log.append(ByteBuffer.wrap("hello".getBytes(UTF_8)));    // durable on return
            log.append(List.of(LogRecord.of("k".getBytes(UTF_8), "v".getBytes(UTF_8), System.currentTimeMillis())));
            try (LogReader reader = log.reader(offset)) {
                for (RecordView r; (r = reader.nextRecord()) != null; ) {
                    printed.add(r.offset() + ": " + UTF_8.decode(r.value()));    // System.out.println(...)
                }
            }
        }
        // --- README example ends here ---
        assertEquals(List.of("0: hello", "1: v"), printed);
    }
}
