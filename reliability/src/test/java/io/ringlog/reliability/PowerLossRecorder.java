package io.ringlog.reliability;

import io.ringlog.io.DurableFile;
import io.ringlog.io.Errno;
import io.ringlog.io.FileSystemOps;
import io.ringlog.io.NativeIoException;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * <p>It is also the log's {@link FileSystemOps} (plugged in with {@code LogConfig.fileSystemOps}): each
 * zero-fill, small-file write, rename, delete and directory fsync is an operation too, done on the real
 * directory without any fsync (the simulator decides what is durable) and under this recorder's monitor,
 * so the recorded order is the real order. Creates, renames and deletes stay pending until the next
 * directory fsync; a crash undoes a random suffix of them. A zero-fill or small-file write is durable
 * once it returns (it ends with an fsync); a crash at it leaves it in flight ({@link InFlightFileWrite}).
 * Files outside the log directory are passed to the real file system unrecorded.
 *
 * <p>Thread-safety: thread-safe (one monitor).
 */
final class PowerLossRecorder implements InterceptingBackend.Interceptor, FileSystemOps {
    private static final int HISTORY = 60;

    private final Path dir;
    private final Random random;
    private long crashAt;
    private long crashAtFileOperation = Long.MAX_VALUE;
    private long fileOperations;
    private final List<CrashImage.VolatileWrite> volatileWrites = new ArrayList<>();
    private final List<NamespaceOp> pendingOps = new ArrayList<>();
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

    /**
     * The file write itself runs outside this monitor, so another thread (the preparer) may have cut the
     * power while it was in progress: then the write is not acknowledged (the image, copied meanwhile,
     * may or may not hold it, like any write in flight).
     */
    @Override
    public synchronized void afterWrite(DurableFile file, MemorySegment src, long offset, boolean durable)
        throws IOException {
        checkAlive("write in flight at the power loss", file);
    }

    @Override
    public synchronized void afterFlush(DurableFile file) throws IOException {
        checkAlive("flush in flight at the power loss", file);
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

    /**
     * Crashes at the {@code n}th file-system operation (zero-fill, small-file write, rename, delete,
     * directory fsync; 1-based) instead, so that trials reach those crash points more often than their
     * share of all operations (about one in ten) would.
     */
    synchronized void crashAtFileOperation(long n) {
        crashAt = Long.MAX_VALUE;
        crashAtFileOperation = n;
    }

    /** Moves the crash point to the {@code n}th operation from now (n >= 1). */
    synchronized void crashAfter(long n) {
        crashAt = operations + n;
    }

    /** Power loss now (if it has not happened yet): captures the image with the non-durable writes. */
    synchronized void crashNow() throws IOException {
        if (image == null) {
            image = CrashImage.capture(dir, new ArrayList<>(volatileWrites), null, List.copyOf(pendingOps), random);
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
        crash(writes.stream().map(PowerLossRecorder::withOldBytes).toList(), null, file.path());
    }

    private void crash(List<CrashImage.VolatileWrite> writes, InFlightFileWrite inFlight, Path file)
        throws IOException {
        image = CrashImage.capture(dir, writes, inFlight, List.copyOf(pendingOps), random);
        note("power loss at operation " + operations);
        throw NativeIoException.of(Errno.EIO, "simulated power loss", file, NativeIoException.NONE,
            NativeIoException.NONE);
    }

    // ---- FileSystemOps: the log's namespace operations and non-backend writes ----

    @Override
    public synchronized void zeroFill(Path file, long size, boolean direct) throws IOException {
        if (!inDir(file)) {
            FileSystemOps.real().zeroFill(file, size, direct);
            return;
        }
        checkAlive("zero-fill", file);
        note("zero-fill " + file.getFileName() + " " + size + " B");
        writeFile(file, new byte[(int) size], false);
    }

    @Override
    public synchronized void writeDurably(Path file, ByteBuffer content) throws IOException {
        if (!inDir(file)) {
            FileSystemOps.real().writeDurably(file, content);
            return;
        }
        checkAlive("write", file);
        byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        note("write+fsync " + file.getFileName() + " " + bytes.length + " B");
        writeFile(file, bytes, true);
    }

    /** Creates or replaces {@code file} with {@code bytes}, no fsync; a crash here leaves the write in flight. */
    private void writeFile(Path file, byte[] bytes, boolean truncate) throws IOException {
        boolean created = !Files.exists(file);
        byte[] old = created ? new byte[0] : Files.readAllBytes(file);
        if (created) {
            pendingOps.add(new NamespaceOp.Create(name(file)));
        }
        if (++operations == crashAt | ++fileOperations == crashAtFileOperation) {
            crash(List.copyOf(volatileWrites), new InFlightFileWrite(name(file), old, bytes), file);
        }
        forget(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (truncate) {
                ch.truncate(0);
            }
            ByteBuffer src = ByteBuffer.wrap(bytes);
            while (src.hasRemaining()) {
                ch.write(src, src.position());
            }
        }
    }

    @Override
    public synchronized void move(Path from, Path to) throws IOException {
        if (!inDir(from) || !inDir(to)) {
            FileSystemOps.real().move(from, to);
            return;
        }
        checkAlive("rename", from);
        note("rename " + from.getFileName() + " -> " + to.getFileName());
        byte[] replaced = Files.exists(to) ? Files.readAllBytes(to) : null;
        if (++operations == crashAt | ++fileOperations == crashAtFileOperation) {
            crash(List.copyOf(volatileWrites), null, from);
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        pendingOps.add(new NamespaceOp.Rename(name(from), name(to), replaced));
        forget(to);
        volatileWrites.replaceAll(w -> w.file().equals(from)
            ? new CrashImage.VolatileWrite(to, w.offset(), w.oldBytes(), w.newBytes(), w.applied()) : w);
    }

    @Override
    public synchronized boolean deleteIfExists(Path file) throws IOException {
        if (!inDir(file)) {
            return FileSystemOps.real().deleteIfExists(file);
        }
        checkAlive("delete", file);
        if (!Files.exists(file)) {
            return false;
        }
        note("delete " + file.getFileName());
        byte[] content = Files.readAllBytes(file);
        if (++operations == crashAt | ++fileOperations == crashAtFileOperation) {
            crash(List.copyOf(volatileWrites), null, file);
        }
        Files.delete(file);
        pendingOps.add(new NamespaceOp.Delete(name(file), content));
        forget(file);
        return true;
    }

    @Override
    public synchronized void fsyncDirectory(Path d) throws IOException {
        if (!d.equals(dir)) {
            FileSystemOps.real().fsyncDirectory(d);
            return;
        }
        checkAlive("fsync(directory)", d);
        note("fsync directory (" + pendingOps.size() + " pending)");
        if (++operations == crashAt | ++fileOperations == crashAtFileOperation) {
            crash(List.copyOf(volatileWrites), null, d);
        }
        pendingOps.clear();
    }

    /**
     * Drops the pending writes of a file whose content is being replaced or removed: what it held is
     * in the image as it is (the removed content is kept with the namespace operation, writes applied).
     */
    private void forget(Path file) {
        volatileWrites.removeIf(w -> w.file().equals(file));
    }

    private boolean inDir(Path file) {
        return dir.equals(file.getParent());
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }

    private static CrashImage.VolatileWrite withOldBytes(CrashImage.VolatileWrite w) {
        return w.oldBytes() != null ? w : new CrashImage.VolatileWrite(w.file(), w.offset(),
            new byte[w.newBytes().length], w.newBytes(), false);
    }

    private void checkAlive(String what, DurableFile file) throws IOException {
        checkAlive(what, file.path());
    }

    private void checkAlive(String what, Path file) throws IOException {
        if (image != null) {
            throw NativeIoException.of(Errno.EIO, what + " after simulated power loss", file,
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
