package io.ringlog.reliability;

import io.ringlog.io.DurableFile;
import io.ringlog.io.Errno;
import io.ringlog.io.NativeIoException;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * The power-loss simulator's recorder (Kafka raft {@code MockLog.reopen} model, at sector granularity):
 * it numbers every write and durability point the log makes through its backend, keeps the
 * not-yet-durable writes (plain writes since the file's last flush) with their previous bytes, and at
 * operation number {@code crashAt} (or when {@link #crashNow} is called) captures a {@link CrashImage}
 * of the directory: everything durable stays, the non-durable writes and the write in flight are
 * kept, dropped or torn at random. From then on every write and flush fails with EIO, so the live log
 * acknowledges nothing more.
 *
 * <p>Thread-safety: thread-safe (one monitor).
 */
final class PowerLossRecorder implements InterceptingBackend.Interceptor {
    private static final int HISTORY = 40;

    private final Path dir;
    private final Random random;
    private final long crashAt;
    private final List<CrashImage.VolatileWrite> volatileWrites = new ArrayList<>();
    private final ArrayDeque<String> history = new ArrayDeque<>();
    private long operations;
    private volatile CrashImage image;

    /** Crashes at operation {@code crashAt} (1-based; writes and flushes count), or never with Long.MAX_VALUE. */
    PowerLossRecorder(Path dir, Random random, long crashAt) {
        this.dir = dir;
        this.random = random;
        this.crashAt = crashAt;
    }

    @Override
    public synchronized void opened(DurableFile file) throws IOException {
        checkAlive("open", file);
        note("open " + file.path().getFileName());
    }

    @Override
    public synchronized void beforeWrite(DurableFile file, MemorySegment src, long offset, boolean durable)
        throws IOException {
        checkAlive("write", file);
        byte[] newBytes = src.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        note((durable ? "writeDurable " : "write ") + file.path().getFileName() + " @" + offset + " +" + newBytes.length);
        if (++operations == crashAt) {
            List<CrashImage.VolatileWrite> all = new ArrayList<>(volatileWrites);
            all.add(new CrashImage.VolatileWrite(file.path(), offset, null, newBytes, false));
            crash(all, file);
        }
        if (!durable) {
            byte[] old = new byte[newBytes.length];
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file.path())) {
                ch.read(java.nio.ByteBuffer.wrap(old), offset); // bytes past the end stay zero
            }
            volatileWrites.add(new CrashImage.VolatileWrite(file.path(), offset, old, newBytes, true));
        }
    }

    @Override
    public synchronized void beforeFlush(DurableFile file) throws IOException {
        checkAlive("flush", file);
        note("flush " + file.path().getFileName());
        if (++operations == crashAt) {
            crash(new ArrayList<>(volatileWrites), file);
        }
    }

    @Override
    public synchronized void afterFlush(DurableFile file) {
        for (Iterator<CrashImage.VolatileWrite> it = volatileWrites.iterator(); it.hasNext(); ) {
            if (it.next().file().equals(file.path())) {
                it.remove();
            }
        }
    }

    @Override
    public synchronized void closed(DurableFile file) {
        note("close " + file.path().getFileName());
    }

    /** Power loss now (if it has not happened yet): captures the image with the non-durable writes. */
    synchronized void crashNow() throws IOException {
        if (image == null) {
            image = CrashImage.capture(dir, new ArrayList<>(volatileWrites), random);
            note("power loss (end of workload)");
        }
    }

    boolean crashed() {
        return image != null;
    }

    /** The image captured at the crash, or null before it. */
    CrashImage image() {
        return image;
    }

    /** Operations (writes + flushes) seen so far. */
    synchronized long operations() {
        return operations;
    }

    /** The last operations before the crash, oldest first, one per line. */
    synchronized String history() {
        return String.join("\n", history);
    }

    private void crash(List<CrashImage.VolatileWrite> writes, DurableFile file) throws IOException {
        // The write in flight has no previous bytes recorded: CrashImage leaves dropped sectors untouched.
        image = CrashImage.capture(dir, writes.stream().map(PowerLossRecorder::withOldBytes).toList(), random);
        note("power loss at operation " + operations);
        throw NativeIoException.of(Errno.EIO, "simulated power loss", file.path(), NativeIoException.NONE,
            NativeIoException.NONE);
    }

    private static CrashImage.VolatileWrite withOldBytes(CrashImage.VolatileWrite w) {
        return w.oldBytes() != null ? w : new CrashImage.VolatileWrite(w.file(), w.offset(),
            new byte[w.newBytes().length], w.newBytes(), false);
    }

    private void checkAlive(String what, DurableFile file) throws IOException {
        if (image != null) {
            throw NativeIoException.of(Errno.EIO, what + " after simulated power loss", file.path(),
                NativeIoException.NONE, NativeIoException.NONE);
        }
    }

    private void note(String event) {
        if (history.size() == HISTORY) {
            history.removeFirst();
        }
        history.addLast(event);
    }
}
