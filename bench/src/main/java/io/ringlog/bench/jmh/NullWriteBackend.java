package io.ringlog.bench.jmh;

import io.ringlog.io.BackendKind;
import io.ringlog.io.DurableFile;
import io.ringlog.io.IoBackend;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.IoBackends;
import io.ringlog.io.NativeIoException;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * A backend whose writes do nothing (files, reads and buffers are the real {@code filechannel_force}
 * ones): a log on it costs only log-core's own CPU path (lock, encode, CRC, index, group commit), which
 * is what {@link LogAppendBenchmark} measures. Never durable; for benchmarks only.
 *
 * <p>Thread-safety: as the wrapped backend (thread-safe); the writes are no-ops.
 */
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
        return new NullWriteFile(real.open(file, create));
    }

    @Override
    public void close() {
        real.close();
    }

    /** Real file, writes dropped. Thread-safety: as the wrapped file. */
    private record NullWriteFile(DurableFile real) implements DurableFile {
        @Override
        public Path path() {
            return real.path();
        }

        @Override
        public BackendKind kind() {
            return real.kind();
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
            return real.read(dst, offset);
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public void close() throws IOException {
            real.close();
        }
    }
}
