package io.ringlog.io.jdk;

import io.ringlog.io.Alignment;
import io.ringlog.io.BackendKind;
import io.ringlog.io.DurableFile;
import io.ringlog.io.NativeIoException;
import io.ringlog.io.OpenResources;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A {@link DurableFile} over a JDK {@link FileChannel}. With DSYNC+DIRECT every write is durable on
 * return; with FORCE {@link #writeDurable} writes then calls {@code force(false)} (fdatasync).
 *
 * <p>Thread-safety: not thread-safe (see {@link DurableFile}).
 */
final class FileChannelFile implements DurableFile {
    private final Path path;
    private final BackendKind kind;
    private final FileChannel channel;
    private final boolean direct;
    // The ByteBuffer view of the last segment used, so repeated writes of the same buffer allocate nothing.
    private MemorySegment lastSegment;
    private ByteBuffer lastView;
    private boolean closed;

    FileChannelFile(Path path, BackendKind kind, FileChannel channel) {
        this.path = path;
        this.kind = kind;
        this.channel = channel;
        this.direct = kind.needsDirectIo();
        OpenResources.opened(OpenResources.Kind.FD);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public BackendKind kind() {
        return kind;
    }

    @Override
    public void writeDurable(MemorySegment src, long offset) throws IOException {
        write(src, offset);
        if (!direct) {
            flush();
        }
    }

    @Override
    public void write(MemorySegment src, long offset) throws IOException {
        Alignment.check(src, offset, "write");
        ByteBuffer buf = view(src);
        long pos = offset;
        try {
            while (buf.hasRemaining()) {
                pos += channel.write(buf, pos);
            }
        } catch (IOException e) {
            throw NativeIoException.fromJdk(e, "FileChannel.write(" + kind.externalName() + ")", path, offset,
                src.byteSize());
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw NativeIoException.fromJdk(e, "FileChannel.force", path, NativeIoException.NONE,
                NativeIoException.NONE);
        }
    }

    @Override
    public int read(MemorySegment dst, long offset) throws IOException {
        if (direct) {
            Alignment.check(dst, offset, "read");
        }
        ByteBuffer buf = view(dst);
        int total = 0;
        try {
            while (buf.hasRemaining()) {
                int n = channel.read(buf, offset + total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            throw NativeIoException.fromJdk(e, "FileChannel.read", path, offset, dst.byteSize());
        }
        return total;
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            OpenResources.closed(OpenResources.Kind.FD);
            channel.close();
        }
    }

    private ByteBuffer view(MemorySegment segment) {
        if (segment != lastSegment) {
            lastSegment = segment;
            lastView = segment.asByteBuffer();
        }
        return lastView.clear();
    }
}
