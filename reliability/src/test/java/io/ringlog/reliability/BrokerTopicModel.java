package io.ringlog.reliability;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.ringlog.reliability.LogModel.check;

/**
 * What one topic of a broker must hold after any kill: every acknowledged (partition, offset) with the
 * acknowledged value checksum, no hole from offset 0 to the end, only values that were sent (to that
 * partition, each at most once). Values are {@link Payload}s with unique ids. {@link #verify} reads
 * every partition back with a kafka-clients consumer and then adopts what the restarted broker
 * returned as acknowledged.
 *
 * <p>Thread-safety: {@link #nextId}, {@link #sent} and {@link #acknowledged} may be called from any
 * thread (send callbacks); {@link #verify} and {@link #produceAgain} while nothing else sends.
 */
final class BrokerTopicModel {
    private final String topic;
    private final int partitions;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Integer> sentIds = new ConcurrentHashMap<>();
    private final List<NavigableMap<Long, Long>> acked = new ArrayList<>();

    BrokerTopicModel(String topic, int partitions) {
        this.topic = topic;
        this.partitions = partitions;
        for (int p = 0; p < partitions; p++) {
            acked.add(new ConcurrentSkipListMap<>());
        }
    }

    String topic() {
        return topic;
    }

    int partitions() {
        return partitions;
    }

    long nextId() {
        return ids.getAndIncrement();
    }

    /** Before the send: the value with {@code id} may from now on be found in {@code partition}. */
    void sent(long id, int partition) {
        sentIds.put(id, partition);
    }

    /** From a send callback without error. */
    void acknowledged(int partition, long offset, long checksum) {
        acked.get(partition).put(offset, checksum);
    }

    long acknowledgedCount() {
        return acked.stream().mapToLong(Map::size).sum();
    }

    /**
     * Reads every partition from the beginning and checks it against the acknowledgements; returns the
     * end offset of each partition. Throws AssertionError with {@code what} in the message.
     */
    long[] verify(String bootstrap, String what) {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = BrokerClients.consumer(bootstrap, "none")) {
            consumer.assign(tps);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(tps);
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(tps);
            long[] end = new long[partitions];
            for (int p = 0; p < partitions; p++) {
                TopicPartition tp = tps.get(p);
                end[p] = endOffsets.get(tp);
                check(begin.get(tp) == 0, what, tp + ": log start offset moved to " + begin.get(tp) + " without retention");
                long maxAcked = acked.get(p).isEmpty() ? -1 : acked.get(p).lastKey();
                check(end[p] > maxAcked, what, tp + ": acknowledged offset " + maxAcked + " lost: end offset " + end[p]);
            }
            consumer.seekToBeginning(tps);
            readAll(consumer, tps, end, what);
            return end;
        }
    }

    private void readAll(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> tps, long[] end, String what) {
        long[] next = new long[partitions];
        Set<Long> seen = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!caughtUp(next, end)) {
            check(System.nanoTime() < deadline, what, "could not read back to the end offsets within 60 s: read up to "
                + java.util.Arrays.toString(next) + ", end offsets " + java.util.Arrays.toString(end));
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                int p = r.partition();
                String at = topic + "-" + p + " offset " + r.offset() + ": ";
                check(r.offset() == next[p], what, at + "hole or reorder: expected offset " + next[p]);
                check(r.offset() < end[p], what, at + "a record after the end offset " + end[p]);
                ByteBuffer value = r.value() == null ? null : ByteBuffer.wrap(r.value());
                long id = Payload.idOf(value);
                check(id >= 0, what, at + "a record that was never sent (bad payload)");
                Integer sentTo = sentIds.get(id);
                check(sentTo != null, what, at + "payload id " + id + " was never sent");
                check(sentTo == p, what, at + "payload id " + id + " was sent to partition " + sentTo);
                check(seen.add(id), what, at + "payload id " + id + " read twice (the producer does not retry)");
                long checksum = Payload.checksum(value);
                Long ack = acked.get(p).get(r.offset());
                check(ack == null || ack == checksum, what, at + "acknowledged checksum " + ack + ", read " + checksum);
                acked.get(p).put(r.offset(), checksum); // returned after a restart: durable from now on
                next[p]++;
            }
        }
        for (TopicPartition tp : tps) {
            check(consumer.position(tp) == end[tp.partition()], what, tp + ": position " + consumer.position(tp)
                + " after reading everything, end offset " + end[tp.partition()]);
        }
    }

    private static boolean caughtUp(long[] next, long[] end) {
        for (int p = 0; p < next.length; p++) {
            if (next[p] < end[p]) {
                return false;
            }
        }
        return true;
    }

    /**
     * After {@link #verify}: sends one record to every partition and checks it lands exactly at the
     * partition's end offset (nothing else writes), so producing works after the restart.
     */
    void produceAgain(KafkaProducer<byte[], byte[]> producer, long[] end, String what) throws Exception {
        List<java.util.concurrent.Future<RecordMetadata>> sends = new ArrayList<>();
        List<ByteBuffer> values = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            long id = nextId();
            ByteBuffer value = Payload.value(id, 100 + 1000 * p);
            sent(id, p);
            values.add(value);
            sends.add(producer.send(new ProducerRecord<>(topic, p, null, value.array())));
        }
        for (int p = 0; p < partitions; p++) {
            RecordMetadata md = sends.get(p).get(60, TimeUnit.SECONDS);
            check(md.offset() == end[p], what, topic + "-" + p + ": a send after the restart got offset " + md.offset()
                + ", the end offset was " + end[p]);
            acknowledged(p, md.offset(), Payload.checksum(values.get(p)));
        }
    }
}
