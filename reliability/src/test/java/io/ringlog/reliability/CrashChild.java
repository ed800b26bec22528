package io.ringlog.reliability;

import io.ringlog.core.Durability;
import io.ringlog.core.Log;
import io.ringlog.core.LogConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The child JVM of the process-crash suite: opens the log in {@code args[0]} with SYNC durability and
 * write path {@code args[3]}, prints {@code READY}, then {@code args[2]} threads append records of
 * mixed sizes until the parent kills the process (SIGKILL). After each append returns, one line
 * {@code A <offset> <crc32c of the value>} is printed and flushed, so the parent knows exactly what was
 * acknowledged. Exits by itself after 60 s in case the parent died.
 *
 * <p>Thread-safety: a program; its appenders share the log (thread-safe) and print under a lock.
 */
public final class CrashChild {
    private static final Object PRINT_LOCK = new Object();

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int threads = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
        Log log = Log.open(dir, config(args[3]));
        println(out, "READY " + log.endOffset());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(Thread.ofPlatform().name("appender-" + t).start(() -> appendForever(log, out, seed, thread)));
        }
        Thread.sleep(60_000);
        System.exit(2);
    }

    static LogConfig config(String writePath) {
        return LogConfig.builder().segmentBytes(256 << 10).durability(Durability.SYNC).writePath(writePath)
            .maxPendingBytes(64 << 10).maxBatchBytes(32 << 10).segmentsPreparedAhead(2).build();
    }

    private static void appendForever(Log log, PrintStream out, long seed, int thread) {
        Random random = Trials.random(seed * 31 + thread);
        long firstId = ((seed & 0xFFFF) << 40) | ((long) thread << 32) | (System.nanoTime() & 0xFFFF_FFF0L);
        try {
            for (long i = 0; ; i++) {
                int p = random.nextInt(10);
                int length = p < 5 ? random.nextInt(100) : p < 8 ? 100 + random.nextInt(1900) : 2000 + random.nextInt(20000);
                ByteBuffer value = Payload.value(firstId + i, length);
                long checksum = Payload.checksum(value);
                long offset = log.append(value);
                println(out, "A " + offset + " " + checksum);
            }
        } catch (IOException | RuntimeException e) {
            println(out, "E " + e);
        }
    }

    private static void println(PrintStream out, String line) {
        synchronized (PRINT_LOCK) {
            out.println(line);
            out.flush();
        }
    }
}
