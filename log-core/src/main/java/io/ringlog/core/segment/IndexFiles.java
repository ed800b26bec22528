package io.ringlog.core.segment;

import io.ringlog.io.NativeIoException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes small derived files (indexes, checkpoints) so that a crash leaves either nothing usable or a
 * complete file: write, truncate to the exact length, fsync. Readers validate the content anyway.
 *
 * <p>Thread-safety: stateless, safe from any thread (callers must not write the same file concurrently).
 */
final class IndexFiles {
    private IndexFiles() {
    }

    static void writeDurably(Path file, ByteBuffer content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            long pos = 0;
            while (content.hasRemaining()) {
                pos += ch.write(content, pos);
            }
            ch.force(true);
        } catch (IOException e) {
            throw NativeIoException.fromJdk(e, "write index file", file, 0, content.limit());
        }
    }
}
