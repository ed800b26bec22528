package io.ringlog.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Every file-system operation a log makes outside its {@link IoBackend}: laying out new files with
 * zeros, writing small files durably (indexes, checkpoints, markers), renaming, deleting and fsyncing a
 * directory. The log's segment data goes through the backend; everything else that changes a log
 * directory goes through this seam, so a test can decorate it (the power-loss simulator records each
 * call and decides which of them a crash keeps). Reads, directory listings, the directory's creation
 * and its lock file are not part of it.
 *
 * <p>The default is {@link #real()}; anything else is for tests. Not on the append path: segment
 * rolls, the preparer, retention, truncation, open and close call it.
 *
 * <p>Thread-safety: implementations must be thread-safe (the appending thread that rolls a segment and
 * the preparer thread call it concurrently).
 */
public interface FileSystemOps {

    /** The real file system: {@link FileOps} and {@link java.nio.file.Files}, every durability point real. */
    static FileSystemOps real() {
        return RealFileSystemOps.INSTANCE;
    }

    /**
     * Creates {@code file} (it does not exist yet) as {@code size} bytes of written zeros and forces it
     * ({@code direct}: with O_DIRECT writes, leaving no page-cache pages behind).
     *
     * @throws DiskFullException when the file system runs out of space on the way
     */
    void zeroFill(Path file, long size, boolean direct) throws IOException;

    /**
     * Replaces the content of {@code file} (created if missing) with the remaining bytes of
     * {@code content}, then forces the file. Not the directory entry: callers that need the name to
     * survive a power loss call {@link #fsyncDirectory}.
     */
    void writeDurably(Path file, ByteBuffer content) throws IOException;

    /** Atomically renames {@code from} to {@code to}, replacing {@code to} if it exists (rename(2)). */
    void move(Path from, Path to) throws IOException;

    /** Deletes {@code file} if it exists; true when it did. */
    boolean deleteIfExists(Path file) throws IOException;

    /** fsyncs {@code dir}, making the creates, renames and deletes in it so far survive power loss. */
    void fsyncDirectory(Path dir) throws IOException;
}
