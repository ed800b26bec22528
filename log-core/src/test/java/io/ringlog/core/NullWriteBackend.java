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

/** A backend whose writes do nothing (reads and files are real): isolates log-core's own costs. */
final class NullWriteBackend implements IoBackend {
    private final IoBackend real;

    NullWriteBackend() throws NativeIoException {
        real = IoBackends.create(BackendKind.FILECHANNEL_FORCE, IoBackendConfig.DEFAULT);
    }

    @Override
    public BackendKind kind() {
        return BackendKind.FILECHANNEL_FORCE;
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
            public void writeDurable(MemorySegment src, long offset) {
            }

            @Override
            public void write(MemorySegment src, long offset) {
            }

            @Override
            public void flush() {
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
        };
    }

    @Override
    public void close() {
        real.close();
    }
}
