package io.ringlog.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The single-thread append path must not allocate per append (measured with the thread's allocation counter; JMH gc profiling is the bench module's). */
class AllocationTest {
    @TempDir
    Path dir;

    @Test
    void logCodeShouldNotAllocatePerAppend() throws Exception {
        NullWriteBackend backend = new NullWriteBackend();
        long perAppend = measure(LogConfig.builder().segmentBytes(16L << 20).backendFactory(d -> backend).build(),
            20_000, 5_000);
        assertTrue(perAppend < 8, perAppend + " bytes per append in log-core's own code");
    }

    private long measure(LogConfig config, int warmup, int n) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().threadId();
        ByteBuffer value = ByteBuffer.allocateDirect(100);
        try (Log log = Log.open(dir.resolve("m" + System.nanoTime()), config)) {
            for (int i = 0; i < warmup; i++) {
                log.append(value.clear());
            }
            long before = threads.getThreadAllocatedBytes(self);
            for (int i = 0; i < n; i++) {
                log.append(value.clear());
            }
            long perAppend = (threads.getThreadAllocatedBytes(self) - before) / n;
            System.out.println("AllocationTest: " + perAppend + " bytes allocated per append (backend "
                + log.stats().writePath() + ")");
            return perAppend;
        }
    }

    /**
     * The real FileChannel backend behind the log: log-io caches the ByteBuffer views of the log's two
     * alternating tail buffers, so no per-append object remains. NONE durability keeps the warm-up cheap
     * (page-cache writes); the append path through log-io is the same as for SYNC up to the flush.
     */
    @Test
    void appendThroughTheRealFileChannelBackendShouldNotAllocatePerAppend() throws Exception {
        long perAppend = measure(LogConfig.builder().segmentBytes(16L << 20).writePath("filechannel_force")
            .durability(Durability.NONE).build(), 20_000, 5_000);
        assertTrue(perAppend < 8, perAppend + " bytes per append");
    }
}
