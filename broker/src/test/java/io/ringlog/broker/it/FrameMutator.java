package io.ringlog.broker.it;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.RequestHeader;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of bad Kafka frames for {@link FrameFuzzTest}: real requests serialised with
 * kafka-clients (ApiVersions, Metadata, Produce, Fetch) and then mutated (bit flips, truncations,
 * random bodies, wrong or huge or negative size prefixes, unknown API keys and versions, frames cut
 * off before the connection closes, pure garbage). The same seed gives the same frames.
 *
 * <p>Thread-safety: not thread-safe; one per fuzzing connection.
 */
final class FrameMutator {
    /** Bytes to write (size prefix included, possibly wrong) and whether to close the connection after. */
    record Shot(byte[] bytes, boolean closeAfter, String kind) {
    }

    private record Template(byte[] frame, int headerSize) {
    }

    private final Random random;
    private final int maxRequestBytes;
    private final List<Template> templates;

    FrameMutator(long seed, String topic, int maxRequestBytes) {
        this.random = new Random(mix64(seed));
        this.maxRequestBytes = maxRequestBytes;
        this.templates = templates(topic);
    }

    /** SplittableRandom's mix64, so consecutive seeds (one per connection) do not draw correlated frames. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static List<Template> templates(String topic) {
        RequestHeader apiVersions = new RequestHeader(ApiKeys.API_VERSIONS, (short) 3, "fuzz", 1);
        RequestHeader metadata = new RequestHeader(ApiKeys.METADATA, (short) 12, "fuzz", 2);
        RequestHeader produce = new RequestHeader(ApiKeys.PRODUCE, (short) 9, "fuzz", 3);
        RequestHeader fetch = new RequestHeader(ApiKeys.FETCH, (short) 12, "fuzz", 4);
        ProduceRequestData produceData = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(5000);
        produceData.topicData().add(new ProduceRequestData.TopicProduceData().setName(topic).setPartitionData(List.of(
            new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord("k".getBytes(), "fuzz-value".getBytes()), new SimpleRecord("second".getBytes()))))));
        FetchRequestData fetchData = new FetchRequestData().setReplicaId(-1).setMaxWaitMs(50).setMinBytes(1)
            .setMaxBytes(1 << 16).setSessionId(0).setSessionEpoch(-1);
        fetchData.topics().add(new FetchRequestData.FetchTopic().setTopic(topic).setPartitions(List.of(
            new FetchRequestData.FetchPartition().setPartition(0).setFetchOffset(0).setPartitionMaxBytes(1 << 15))));
        return List.of(
            template(new ApiVersionsRequest.Builder().build((short) 3).serializeWithHeader(apiVersions), apiVersions),
            template(new MetadataRequest.Builder(List.of(topic), false, (short) 12).build((short) 12)
                .serializeWithHeader(metadata), metadata),
            template(RawKafkaConnection.frame(produce, produceData), produce),
            template(RawKafkaConnection.frame(fetch, fetchData), fetch));
    }

    private static Template template(ByteBuffer frame, RequestHeader header) {
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        return new Template(bytes, header.size());
    }

    Shot next() {
        Template t = templates.get(random.nextInt(templates.size()));
        int kind = random.nextInt(100);
        if (kind < 8) {
            return shot(t.frame, "valid");
        } else if (kind < 28) {
            return shot(flipBits(t), "bit-flips");
        } else if (kind < 40) {
            return shot(java.util.Arrays.copyOf(t.frame, t.headerSize + random.nextInt(t.frame.length - t.headerSize)), "truncated-body");
        } else if (kind < 50) {
            return shot(randomBody(t), "random-body");
        } else if (kind < 58) {
            return wrongSize(t);
        } else if (kind < 68) {
            return shot(unknownKeyOrVersion(t), "unknown-key-or-version");
        } else if (kind < 76) {
            return cutOff(t);
        } else if (kind < 84) {
            return hugeDeclaredSize();
        } else if (kind < 90) {
            return new Shot(sized(-random.nextInt(3), randomBytes(random.nextInt(16))), random.nextBoolean(), "zero-or-negative-size");
        }
        return new Shot(randomBytes(1 + random.nextInt(512)), random.nextBoolean(), "garbage");
    }

    private byte[] flipBits(Template t) {
        byte[] b = t.frame.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            int at = t.headerSize + random.nextInt(b.length - t.headerSize);
            b[at] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }

    private byte[] randomBody(Template t) {
        byte[] b = java.util.Arrays.copyOf(t.frame, t.headerSize + random.nextInt(256));
        byte[] body = randomBytes(b.length - t.headerSize);
        System.arraycopy(body, 0, b, t.headerSize, body.length);
        return b;
    }

    private byte[] unknownKeyOrVersion(Template t) {
        ByteBuffer b = ByteBuffer.wrap(t.frame.clone());
        if (random.nextBoolean()) {
            b.putShort(0, (short) (random.nextBoolean() ? 1000 + random.nextInt(30000) : -1 - random.nextInt(100)));
        } else {
            b.putShort(2, (short) (random.nextBoolean() ? 18 + random.nextInt(30000) : -1 - random.nextInt(100)));
        }
        return b.array();
    }

    /** A size prefix that disagrees with the bytes that follow (the rest is read as the next frame, or awaited). */
    private Shot wrongSize(Template t) {
        int declared = Math.max(1, t.frame.length + random.nextInt(65) - 32);
        return new Shot(sized(declared, t.frame), false, "wrong-size");
    }

    /** The size prefix and part of the frame, then the connection is closed. */
    private Shot cutOff(Template t) {
        byte[] whole = sized(t.frame.length, t.frame);
        return new Shot(java.util.Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1)), true, "cut-off");
    }

    /** Sizes above socket.request.max.bytes up to Integer.MAX_VALUE, or just under it with a few bytes sent. */
    private Shot hugeDeclaredSize() {
        int size = random.nextBoolean()
            ? maxRequestBytes + 1 + random.nextInt(Integer.MAX_VALUE - maxRequestBytes)
            : maxRequestBytes - random.nextInt(1024);
        if (random.nextInt(4) == 0) {
            size = Integer.MAX_VALUE;
        }
        return new Shot(sized(size, randomBytes(random.nextInt(64))), true, "huge-size");
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] sized(int declared, byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(declared).put(body).array();
    }

    private static Shot shot(byte[] frame, String kind) {
        return new Shot(sized(frame.length, frame), false, kind);
    }
}
