package io.ringlog.reliability;

import io.ringlog.core.Log;
import io.ringlog.core.LogConfig;
import io.ringlog.core.LogReader;
import io.ringlog.core.OffsetOutOfRangeException;
import io.ringlog.io.BackendKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression (found by the long power-loss run, seed 100300): a reader whose segment was retired by
 * retention between the reader's "segment closed?" check and its read got a generic
 * {@code NativeIoException} ("read segment failed: I/O error", cause ClosedChannelException) instead of
 * the documented {@link OffsetOutOfRangeException} that tells it to reposition. Readers race against
 * {@code deleteRecordsBefore} for a bounded time here and must only ever see the documented exception.
 * The soak suite then found the same race in {@code readBatches} (positioning in a retired segment).
 */
class ReaderRetentionRaceRegressionTest {
    @TempDir
    Path dir;

    @Test
    void readerOrFetchRacingRetentionShouldGetOffsetOutOfRangeNeverAnIoError() throws Exception {
        LogConfig config = LogConfig.builder().segmentBytes(64 << 10).maxPendingBytes(16 << 10)
            .maxBatchBytes(8 << 10).segmentsPreparedAhead(2)
            .backendFactory(d -> InterceptingBackend.of(BackendKind.FILECHANNEL_FORCE,
                new InterceptingBackend.Interceptor() { }, false)).build();
        AtomicReference<Throwable> wrong = new AtomicReference<>();
        long races = 0;
        try (Log log = Log.open(dir, config)) {
            long deadline = System.nanoTime() + 1_500_000_000L;
            Thread reader = Thread.ofPlatform().start(() -> readUntil(log, deadline, wrong));
            Thread fetcher = Thread.ofPlatform().start(() -> fetchUntil(log, deadline, wrong));
            for (long id = 0; System.nanoTime() < deadline && wrong.get() == null; id++) {
                log.append(Payload.value(id, 2000));
                if (id % 40 == 39) {
                    log.deleteRecordsBefore(log.endOffset() - 5);
                    races++;
                }
            }
            reader.join();
            fetcher.join();
        }
        if (wrong.get() != null) {
            throw new AssertionError("a reader racing retention got " + wrong.get(), wrong.get());
        }
        assertTrue(races > 10, "retired segments under the reader " + races + " times");
    }

    private static void fetchUntil(Log log, long deadline, AtomicReference<Throwable> wrong) {
        while (System.nanoTime() < deadline && wrong.get() == null) {
            try {
                log.readBatches(log.startOffset(), 1 << 16);
            } catch (OffsetOutOfRangeException documented) {
                // fetch again from the new start
            } catch (IOException | RuntimeException e) {
                wrong.set(e);
            }
        }
    }

    private static void readUntil(Log log, long deadline, AtomicReference<Throwable> wrong) {
        while (System.nanoTime() < deadline && wrong.get() == null) {
            try (LogReader r = log.reader(log.startOffset())) {
                while (r.nextBatch() != null) {
                    Thread.onSpinWait();
                }
            } catch (OffsetOutOfRangeException documented) {
                // reposition and read again
            } catch (IOException | RuntimeException e) {
                wrong.set(e);
            }
        }
    }
}
