package io.ringlog.io.jdk;

import io.ringlog.io.AlignedMemory;
import io.ringlog.io.BackendKind;
import io.ringlog.io.DurableFile;
import io.ringlog.io.IoBackend;
import io.ringlog.io.NativeIoException;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure-JDK write paths: {@link BackendKind#FILECHANNEL_DSYNC_DIRECT} (FileChannel with DSYNC and
 * {@code ExtendedOpenOption.DIRECT}) and {@link BackendKind#FILECHANNEL_FORCE} (buffered write, then
 * {@code force(false)} for durability). The latter works on every file system and OS the JDK runs on.
 *
 * <p>Thread-safety: {@link #open} and {@link #allocate} are safe from any thread.
 */
public final class FileChannelBackend implements IoBackend {
    private final BackendKind kind;
    private final AlignedMemory memory = new AlignedMemory();

    /** Creates a backend of {@code kind}, which must be one of the two FileChannel kinds. */
    public FileChannelBackend(BackendKind kind) {
        if (kind != BackendKind.FILECHANNEL_DSYNC_DIRECT && kind != BackendKind.FILECHANNEL_FORCE) {
            memory.close();
            throw new IllegalArgumentException("not a FileChannel backend: " + kind.externalName());
        }
        this.kind = kind;
    }

    @Override
    public BackendKind kind() {
        return kind;
    }

    @Override
    public MemorySegment allocate(long bytes) {
        return memory.allocate(bytes);
    }

    @Override
    public DurableFile open(Path file, boolean create) throws IOException {
        List<OpenOption> options = new ArrayList<>(List.of(StandardOpenOption.READ, StandardOpenOption.WRITE));
        if (create) {
            options.add(StandardOpenOption.CREATE);
        }
        if (kind == BackendKind.FILECHANNEL_DSYNC_DIRECT) {
            options.add(StandardOpenOption.DSYNC);
            options.add(com.sun.nio.file.ExtendedOpenOption.DIRECT);
        }
        try {
            FileChannel ch = FileChannel.open(file, options.toArray(OpenOption[]::new));
            return new FileChannelFile(file, kind, ch);
        } catch (IOException e) {
            throw NativeIoException.fromJdk(e, "FileChannel.open(" + kind.externalName() + ")", file,
                NativeIoException.NONE, NativeIoException.NONE);
        }
    }

    @Override
    public void close() {
        memory.close();
    }
}
