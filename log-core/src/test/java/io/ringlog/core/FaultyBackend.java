package io.ringlog.core;

import io.ringlog.io.BackendKind;
import io.ringlog.io.DurableFile;
import io.ringlog.io.IoBackend;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.IoBackends;
import io.ringlog.io.NativeIoException;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/** A real backend whose durable writes can be made to fail with a chosen errno, for failure tests. */
final class FaultyBackend implements IoBackend {
    private final IoBackend real;
    final AtomicReference<Integer> failWritesWithErrno = new AtomicReference<>();

    FaultyBackend() throws NativeIoException {
        this.real = IoBackends.create(BackendKind.FILECHANNEL_DSYNC_DIRECT, IoBackendConfig.DEFAULT);
    }

    @Override
    public BackendKind kind() {
        return real.kind();
    }

    @Override
    public MemorySegment allocate(long bytes) {
        return real.allocate(bytes);
    }

    @Override
    public DurableFile open(Path file, boolean create) throws IOException {
        DurableFile f = real.open(file, create);
        return new DurableFile() {
            @Override
            public Path path() {
                return f.path();
            }

            @Override
            public BackendKind kind() {
                return f.kind();
            }

            @Override
            public void writeDurable(MemorySegment src, long offset) throws IOException {
                maybeFail("pwrite(test)", offset, src.byteSize());
                f.writeDurable(src, offset);
            }

            @Override
            public void write(MemorySegment src, long offset) throws IOException {
                maybeFail("write(test)", offset, src.byteSize());
                f.write(src, offset);
            }

            @Override
            public void flush() throws IOException {
                f.flush();
            }

            @Override
            public int read(MemorySegment dst, long offset) throws IOException {
                return f.read(dst, offset);
            }

            @Override
            public long size() throws IOException {
                return f.size();
            }

            @Override
            public void close() throws IOException {
                f.close();
            }

            private void maybeFail(String call, long offset, long length) throws NativeIoException {
                Integer errno = failWritesWithErrno.get();
                if (errno != null) {
                    throw NativeIoException.of(errno, call, f.path(), offset, length);
                }
            }
        };
    }

    @Override
    public void close() {
        real.close();
    }
}
