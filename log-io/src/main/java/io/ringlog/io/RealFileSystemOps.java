package io.ringlog.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@link FileSystemOps#real()}: the JDK and {@link FileOps}.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
enum RealFileSystemOps implements FileSystemOps {
    INSTANCE;

    @Override
    public void zeroFill(Path file, long size, boolean direct) throws IOException {
        if (direct) {
            FileOps.zeroFillDirect(file, size);
        } else {
            FileOps.zeroFill(file, 0, size);
        }
    }

    @Override
    public void writeDurably(Path file, ByteBuffer content) throws IOException {
        FileOps.writeDurably(file, content);
    }

    @Override
    public void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public boolean deleteIfExists(Path file) throws IOException {
        return Files.deleteIfExists(file);
    }

    @Override
    public void fsyncDirectory(Path dir) throws IOException {
        FileOps.fsyncDirectory(dir);
    }
}
