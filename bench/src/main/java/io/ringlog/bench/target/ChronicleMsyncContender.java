package io.ringlog.bench.target;

import io.ringlog.bench.Contender;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.io.BackgroundResourceReleaser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The Chronicle-style peer: append through Chronicle Bytes {@link MappedBytes} (a memory-mapped file,
 * as Chronicle Queue stores its cycles) and make each append durable with {@link MappedBytes#sync()}
 * under {@link SyncMode#SYNC}, which is {@code msync(MS_SYNC)} of the pages from the last synced page
 * to the write position: what a Chronicle user who needs "durable on return" writes (Chronicle Queue's
 * {@code syncMode(SyncMode.SYNC)} does the same per document).
 *
 * <p>Deviations, for fairness, all documented in bench/README.md: it maps the same pre-zeroed file as
 * every other backend (Chronicle would map a fresh sparse cycle file, paying page faults that allocate
 * blocks), as one mapping of the whole file ({@code singleMappedBytes}) rather than 64 MiB chunks, so
 * no chunk switch lands inside the measured phase. Each round maps the file afresh and unmaps it at its end (untimed; a mapping left behind would make the next backend's O_DIRECT writes unmap pages), because
 * MappedBytesStore remembers how far it synced and would skip an overwrite of already-synced pages.
 * After the re-map it touches every page (untimed), as Chronicle's pretoucher does ahead of the
 * appender: without it each first write to a page whose cache was dropped faults and READS that page
 * from disk (the kernel cannot know the write covers the whole page), a cost Chronicle users avoid.
 *
 * <p>Thread-safety: not thread-safe (Chronicle Bytes itself checks single-threaded use).
 */
final class ChronicleMsyncContender implements Contender {
    private final Path file;
    private final long fileBytes;
    private final byte[] record;
    /** x86-64 and arm64 Linux base page size; touching at this stride faults every page once. */
    private static final int PAGE = 4096;
    private MappedBytes bytes;
    /** Sink for the pretouch reads so the JIT cannot drop them. */
    @SuppressWarnings("unused")
    private long touched;

    private ChronicleMsyncContender(Path file, long fileBytes, int bytesPerOp) {
        this.file = file;
        this.fileBytes = fileBytes;
        this.record = new byte[bytesPerOp];
        Arrays.fill(record, LogIoContender.PATTERN);
    }

    static ChronicleMsyncContender open(Path file, int bytesPerOp) throws IOException {
        // Chronicle libraries send anonymous usage analytics unless told not to; a benchmark must not
        // talk to the network.
        System.setProperty("chronicle.analytics.disable", "true");
        ChronicleMsyncContender c = new ChronicleMsyncContender(file, Files.size(file), bytesPerOp);
        c.remap();  // fail here, as "unavailable", if Chronicle cannot map on this JVM
        c.closeMapping();
        return c;
    }

    private void remap() throws IOException {
        closeMapping();
        bytes = MappedBytes.singleMappedBytes(file.toFile(), fileBytes);
        bytes.mappedFile().syncMode(SyncMode.SYNC);
    }

    /** Reads one byte of every page so the measured appends find the pages cached and mapped. */
    private void pretouch() {
        long sum = 0;
        for (long offset = 0; offset < fileBytes; offset += PAGE) {
            sum += bytes.bytesStore().peekUnsignedByte(offset);
        }
        touched = sum;
    }

    @Override
    public String backend() {
        return BackendNames.CHRONICLE_MSYNC;
    }

    @Override
    public void beginRound() throws IOException {
        remap();
        pretouch();
    }

    @Override
    public void writeOnce() {
        bytes.write(record);
        bytes.sync();
    }

    /** Unmaps after the round so no later backend writes to a file with mapped pages. */
    @Override
    public void endRound() {
        closeMapping();
    }

    @Override
    public void close() {
        closeMapping();
    }

    /**
     * Closes the MappedBytes and makes sure the mapping is gone. With Chronicle Bytes 2026.4 a closed
     * singleMappedBytes left its MappedBytesStore at refCount 1 and the file in /proc/self/maps
     * (verified on this VM), so the store's last reference is released explicitly and Chronicle's
     * background releaser drained: only then does munmap happen, before the next backend runs.
     */
    private void closeMapping() {
        if (bytes != null) {
            BytesStore<?, ?> store = bytes.bytesStore();
            bytes.close();
            bytes = null;
            if (store != null && store.refCount() > 0) {
                store.releaseLast();
            }
            BackgroundResourceReleaser.releasePendingResources();
        }
    }
}
