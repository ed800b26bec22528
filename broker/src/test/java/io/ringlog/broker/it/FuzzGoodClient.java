package io.ringlog.broker.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The well-behaved client of {@link FrameFuzzTest}: an idempotent acks=all producer and an assigned
 * consumer (no group.id) on one partition, both running until stopped. Record i has key "good-i" and
 * a value derived from i, so the consumer checks values and order as it reads, in O(1) memory per record.
 *
 * <p>Thread-safety: start/stop from one thread; the offset tables are synchronized.
 */
final class FuzzGoodClient {
    private final RunningBroker broker;
    private final TopicPartition tp;
    private final long seed;
    private final OffsetTable acked = new OffsetTable();
    private final OffsetTable consumed = new OffsetTable();
    final AtomicInteger sendFailures = new AtomicInteger();
    final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong consumedCount = new AtomicLong();
    private volatile boolean stopProducing;
    private volatile long consumeUntilOffset = Long.MAX_VALUE;
    private Thread producerThread;
    private Thread consumerThread;
    private volatile int sent;

    FuzzGoodClient(RunningBroker broker, TopicPartition tp, long seed) {
        this.broker = broker;
        this.tp = tp;
        this.seed = seed;
    }

    byte[] value(int i) {
        return ("good-" + i + "-" + seed + "-" + "v".repeat(i % 64)).getBytes();
    }

    void start() {
        producerThread = Thread.ofPlatform().name("fuzz-good-producer").start(this::produce);
        consumerThread = Thread.ofPlatform().name("fuzz-good-consumer").start(this::consume);
    }

    private void produce() {
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of("batch.size", "8192"))) {
            for (int i = 0; !stopProducing; i++) {
                int n = i;
                producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), ("good-" + i).getBytes(), value(i)), (md, e) -> {
                    if (e == null) {
                        acked.put(n, md.offset());
                    } else {
                        sendFailures.incrementAndGet();
                    }
                });
                sent = i + 1;
                if (i % 20 == 19) {
                    Thread.sleep(5); // a steady trickle, not a benchmark
                }
            }
            producer.flush();
        } catch (Exception e) {
            problems.add("producer: " + e);
        }
    }

    private void consume() {
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            int last = -1;
            while (consumer.position(tp) <= consumeUntilOffset) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    last = check(r, last);
                }
            }
        } catch (Exception e) {
            problems.add("consumer: " + e);
        }
    }

    private int check(ConsumerRecord<byte[], byte[]> r, int last) {
        String key = r.key() == null ? "" : new String(r.key());
        if (!key.startsWith("good-")) {
            problems.add("foreign record at offset " + r.offset() + " key " + key);
            return last;
        }
        int i = Integer.parseInt(key.substring(5));
        if (i <= last) {
            problems.add("record " + i + " at offset " + r.offset() + " after record " + last);
        }
        if (!Arrays.equals(value(i), r.value())) {
            problems.add("record " + i + " at offset " + r.offset() + " has a wrong value");
        }
        consumed.put(i, r.offset());
        consumedCount.incrementAndGet();
        return i;
    }

    void awaitFirstRecordConsumed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumedCount.get() == 0 && System.nanoTime() < deadline && problems.isEmpty()) {
            Thread.sleep(10);
        }
    }

    long consumedSoFar() {
        return consumedCount.get();
    }

    /** Stops the producer (all sends settled), lets the consumer read up to the last acknowledged offset. */
    void stop(Duration consumerDeadline) throws InterruptedException {
        stopProducing = true;
        producerThread.join(Duration.ofSeconds(60));
        consumeUntilOffset = acked.maxOffset();
        if (!consumerThread.join(consumerDeadline)) {
            consumeUntilOffset = -1; // let it finish its poll and exit
            consumerThread.join(Duration.ofSeconds(10));
            problems.add("consumer did not reach offset " + acked.maxOffset() + " in " + consumerDeadline);
        }
    }

    int sent() {
        return sent;
    }

    /** Every acknowledged record was consumed at its acknowledged offset; the count of acknowledged records. */
    int verifyAcknowledgedConsumed() {
        int ackedCount = 0;
        for (int i = 0; i < sent; i++) {
            long at = acked.get(i);
            if (at >= 0) {
                ackedCount++;
                if (consumed.get(i) != at) {
                    problems.add("acknowledged record " + i + " at offset " + at + " consumed at " + consumed.get(i));
                }
            }
        }
        return ackedCount;
    }

    /** A growable long[] indexed by record number, -1 for absent. */
    static final class OffsetTable {
        private long[] offsets = new long[1024];
        private long max = -1;

        synchronized void put(int i, long offset) {
            if (i >= offsets.length) {
                int old = offsets.length;
                offsets = Arrays.copyOf(offsets, Math.max(i + 1, old * 2));
                Arrays.fill(offsets, old, offsets.length, -1);
            }
            offsets[i] = offset;
            max = Math.max(max, offset);
        }

        synchronized long get(int i) {
            return i < offsets.length ? offsets[i] : -1;
        }

        synchronized long maxOffset() {
            return max;
        }

        {
            Arrays.fill(offsets, -1);
        }
    }
}
