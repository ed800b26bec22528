package io.ringlog.reliability;

import io.ringlog.io.BackendKind;
import io.ringlog.io.DurableFile;
import io.ringlog.io.IoBackend;
import io.ringlog.io.IoBackendConfig;
import io.ringlog.io.IoBackends;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * A decorator of a real {@link IoBackend} that shows every write, durability point and open of the
 * log's segment files to an {@link Interceptor}, which may record it or fail it (fault injection). Plug
 * it in with {@code LogConfig.builder().backendFactory(dir -> new InterceptingBackend(...))}.
 *
 * <p>With {@code realSync == false} the decorator never asks the device for durability
 * ({@code writeDurable} becomes a plain write, {@code flush} does nothing): the power-loss simulator
 * decides what is durable, and trials do not pay the device's ~100 us per fdatasync.
 *
 * <p>Thread-safety: as the wrapped backend; the interceptor must be thread-safe (the log calls the
 * files from its flush leader, which can be any appending thread, and opens files from the roller).
 */
final class InterceptingBackend implements IoBackend {

    /**
     * Hooks called around each operation; throwing from a {@code before*} hook fails the operation
     * before it reaches the file (the file is unchanged).
     *
     * <p>Thread-safety: implementations must be thread-safe.
     */
    interface Interceptor {
        default void opened(DurableFile file) throws IOException {
        }

        /** {@code durable}: writeDurable (write + durability point), else a plain write. */
        default void beforeWrite(DurableFile file, MemorySegment src, long offset, boolean durable) throws IOException {
        }

        /** Throwing here models a write that reached the file but whose durability (fdatasync) failed. */
        default void afterWrite(DurableFile file, MemorySegment src, long offset, boolean durable) throws IOException {
        }

        default void beforeFlush(DurableFile file) throws IOException {
        }

        /** Throwing here models a flush whose durability point was not reached. */
        default void afterFlush(DurableFile file) throws IOException {
        }

        default void closed(DurableFile file) {
        }
    }

    private final IoBackend real;
    private final Interceptor interceptor;
    private final boolean realSync;

    InterceptingBackend(IoBackend real, Interceptor interceptor, boolean realSync) {
        this.real = real;
        this.interceptor = interceptor;
        this.realSync = realSync;
    }

    /** A decorator of a new backend of {@code kind}. */
    static InterceptingBackend of(BackendKind kind, Interceptor interceptor, boolean realSync) throws IOException {
        return new InterceptingBackend(IoBackends.create(kind, IoBackendConfig.DEFAULT), interceptor, realSync);
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
        DurableFile f = new InterceptedFile(real.open(file, create));
        try {
            interceptor.opened(f);
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
        return f;
    }

    @Override
    public void close() {
        real.close();
    }

    /** One intercepted file. Thread-safety: not thread-safe, as {@link DurableFile}. */
    private final class InterceptedFile implements DurableFile {
        private final DurableFile f;

        InterceptedFile(DurableFile f) {
            this.f = f;
        }

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
            interceptor.beforeWrite(this, src, offset, true);
            if (realSync) {
                f.writeDurable(src, offset);
            } else {
                f.write(src, offset);
            }
            interceptor.afterWrite(this, src, offset, true);
        }

        @Override
        public void write(MemorySegment src, long offset) throws IOException {
            interceptor.beforeWrite(this, src, offset, false);
            f.write(src, offset);
            interceptor.afterWrite(this, src, offset, false);
        }

        @Override
        public void flush() throws IOException {
            interceptor.beforeFlush(this);
            if (realSync) {
                f.flush();
            }
            interceptor.afterFlush(this);
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
            interceptor.closed(this);
            f.close();
        }
    }
}
