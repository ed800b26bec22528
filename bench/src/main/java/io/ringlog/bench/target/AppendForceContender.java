package io.ringlog.bench.target;

import io.ringlog.bench.Contender;
import io.ringlog.io.FileOps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The Kafka-style peer: append to a growing file with {@code FileChannel.write(buffer)} at the channel
 * position (as Kafka's FileRecords.append does), then {@code force(false)} (fdatasync) after every
 * write, i.e. {@code flush.messages=1}. The buffer is a heap ByteBuffer, as records arriving from the
 * network are in Kafka; the JDK copies it into a cached direct buffer per write.
 *
 * <p>Unlike every other backend it does NOT write into the pre-zeroed file: the growing file is the
 * point. Each round starts a new empty file (untimed, like a Kafka segment roll), so every write
 * allocates blocks and extends i_size, and fdatasync must commit that metadata through the journal
 * (on this machine type fio measured 206 us p50 growing vs 71-86 us overwriting). Kafka itself calls
 * {@code force(true)}; for a file whose size changes on every write fdatasync must persist the
 * same inode update, so the two differ only by the timestamps fsync also writes.
 *
 * <p>Thread-safety: not thread-safe.
 */
final class AppendForceContender implements Contender {
    private final Path path;
    private final ByteBuffer record;
    private FileChannel channel;

    AppendForceContender(Path path, int bytesPerOp) {
        this.path = path;
        byte[] bytes = new byte[bytesPerOp];
        Arrays.fill(bytes, LogIoContender.PATTERN);
        this.record = ByteBuffer.wrap(bytes);
    }

    @Override
    public String backend() {
        return BackendNames.APPEND_FORCE;
    }

    @Override
    public void beginRound() throws IOException {
        closeChannel();
        Files.deleteIfExists(path);
        channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        FileOps.fsyncDirectory(path.getParent());
    }

    @Override
    public void writeOnce() throws IOException {
        record.clear();
        while (record.hasRemaining()) {
            channel.write(record);
        }
        channel.force(false);
    }

    @Override
    public void endRound() throws IOException {
        closeChannel();
    }

    @Override
    public void close() throws IOException {
        closeChannel();
        Files.deleteIfExists(path);
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
