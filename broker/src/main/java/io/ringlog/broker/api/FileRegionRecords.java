package io.ringlog.broker.api;

import io.ringlog.broker.storage.LogSlice;
import org.apache.kafka.common.network.TransferableChannel;
import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.record.RecordsSend;

import java.io.IOException;

/**
 * Record batches in a file region, as Kafka's {@link BaseRecords} so the response serialiser
 * ({@code SendBuilder}) emits them as a separate send written with {@code transferTo} (zero copy).
 *
 * <p>Thread-safety: immutable; each {@link #toSend()} returns a new single-use send.
 */
final class FileRegionRecords implements BaseRecords {
    private final LogSlice.FileRegion region;

    FileRegionRecords(LogSlice.FileRegion region) {
        this.region = region;
    }

    @Override
    public int sizeInBytes() {
        return region.size();
    }

    @Override
    public RecordsSend<FileRegionRecords> toSend() {
        return new RecordsSend<>(this, region.size()) {
            @Override
            protected int writeTo(TransferableChannel channel, int previouslyWritten, int remaining) throws IOException {
                return (int) channel.transferFrom(region.channel(), region.position() + previouslyWritten, remaining);
            }
        };
    }
}
