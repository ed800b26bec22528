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
    // ByteBuffer views of recently used memory, keyed by (address, size, scope), so repeated writes of
    // the same memory allocate nothing even when the caller passes a new slice object each time. The
    // log writes from two tail buffers, each through a slice per block count: a handful of keys. The
    // scope in the key keeps a view of a closed arena from being reused for new memory at its address.
    private static final int VIEW_CACHE_SIZE = 8;
    private final long[] viewAddress = new long[VIEW_CACHE_SIZE];
    private final long[] viewSize = new long[VIEW_CACHE_SIZE];
    private final Object[] viewScope = new Object[VIEW_CACHE_SIZE];
    private final ByteBuffer[] views = new ByteBuffer[VIEW_CACHE_SIZE];
    private int nextEvict;
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
        long address = segment.address();
        long size = segment.byteSize();
        Object scope = segment.scope();
        for (int i = 0; i < VIEW_CACHE_SIZE; i++) {
            if (views[i] != null && viewAddress[i] == address && viewSize[i] == size && viewScope[i] == scope) {
                return views[i].clear();
            }
        }
        int slot = nextEvict;
        nextEvict = (nextEvict + 1) % VIEW_CACHE_SIZE;
        viewAddress[slot] = address;
        viewSize[slot] = size;
        viewScope[slot] = scope;
        views[slot] = segment.asByteBuffer();
        return views[slot].clear();
    }
}
