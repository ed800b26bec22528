package io.ringlog.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * One open file written with aligned positional writes: "write these aligned bytes at this offset
 * durably". Buffers passed to the write and read methods must be native, 4096-aligned in address and
 * length, and the offset 4096-aligned (see {@link Alignment}); violations throw
 * {@link MisalignedBufferException} before any syscall. For the fastest io_uring path, buffers
 * should come from {@link IoBackend#allocate(long)} of the backend that opened the file.
 *
 * <p>Thread-safety: not thread-safe. One thread at a time may call the methods of one file (the log's
 * writer holds a lock); {@link #close()} may be called twice.
 */
public interface DurableFile extends AutoCloseable {

    /** The file's path. */
    Path path();

    /** The write path this file uses. */
    BackendKind kind();

    /**
     * Writes all of {@code src} at {@code offset} and returns once the device reported the bytes
     * durable (O_DSYNC semantics: data plus the metadata needed to read it back).
     *
     * @throws DiskFullException when the file system has no room
     * @throws NativeIoException for any other failure; the state of the range is then unknown
     */
    void writeDurable(MemorySegment src, long offset) throws IOException;

    /** Writes all of {@code src} at {@code offset} without waiting for durability; pair with {@link #flush()}. */
    void write(MemorySegment src, long offset) throws IOException;

    /** Makes every write completed so far durable (fdatasync). A failure must not be retried as success. */
    void flush() throws IOException;

    /**
     * Reads into {@code dst} from {@code offset}; returns the number of bytes read, fewer than
     * {@code dst.byteSize()} only at end of file.
     */
    int read(MemorySegment dst, long offset) throws IOException;

    /** The current file size in bytes. */
    long size() throws IOException;

    /** Closes the file; safe to call more than once. Does not flush. */
    @Override
    void close() throws IOException;
}
