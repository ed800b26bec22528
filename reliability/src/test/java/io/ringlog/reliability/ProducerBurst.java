package io.ringlog.reliability;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Several threads sending {@link Payload} values of mixed sizes (half under 100 B, a third 100 B-2 KiB,
 * the rest 2-24 KiB) to random partitions of one topic through one shared producer, until
 * {@link #stopAndAbort}. Every send is noted in the {@link BrokerTopicModel} before it is handed to the
 * producer, every acknowledgement from its callback. Each thread keeps at most {@link #MAX_UNACKED}
 * sends outstanding, so a burst cannot fill the producer's buffer (a full buffer blocks {@code send}).
 *
 * <p>Thread-safety: {@link #start} and {@link #stopAndAbort} are for one controlling thread.
 */
final class ProducerBurst {
    static final int MAX_UNACKED = 128;

    private final KafkaProducer<byte[], byte[]> producer;
    private final BrokerTopicModel model;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong sends = new AtomicLong();
    private final AtomicLong completions = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Throwable> unexpected = new AtomicReference<>();
    private volatile boolean stop;

    ProducerBurst(KafkaProducer<byte[], byte[]> producer, BrokerTopicModel model) {
        this.producer = producer;
        this.model = model;
    }

    /** Starts {@code count} sender threads; thread t draws sizes and partitions from {@code Trials.random(seed * 31 + t)}. */
    void start(int count, long seed) {
        for (int t = 0; t < count; t++) {
            Random random = Trials.random(seed * 31 + t);
            threads.add(Thread.ofPlatform().name("burst-sender-" + t).daemon(true).start(() -> sendUntilStopped(random)));
        }
    }

    private void sendUntilStopped(Random random) {
        Semaphore window = new Semaphore(MAX_UNACKED);
        try {
            while (!stop) {
                if (!window.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int partition = random.nextInt(model.partitions());
                int k = random.nextInt(6);
                int length = k < 3 ? random.nextInt(100) : k < 5 ? 100 + random.nextInt(1948) : 2048 + random.nextInt(22528);
                long id = model.nextId();
                ByteBuffer value = Payload.value(id, length);
                long checksum = Payload.checksum(value);
                model.sent(id, partition);
                sends.incrementAndGet();
                try {
                    producer.send(new ProducerRecord<>(model.topic(), partition, null, value.array()), (md, e) -> {
                        if (e == null) {
                            model.acknowledged(md.partition(), md.offset(), checksum);
                        } else {
                            failures.incrementAndGet();
                        }
                        completions.incrementAndGet();
                        window.release();
                    });
                } catch (RuntimeException e) {
                    // send() itself throws (without calling back) only once the producer is closed under
                    // it after the kill
                    failures.incrementAndGet();
                    completions.incrementAndGet();
                    if (!stop) {
                        unexpected.compareAndSet(null, e);
                    }
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the senders and closes the producer without waiting, which fails every send the broker has
     * not answered; then waits until every callback has run, so the acknowledgements are final.
     */
    void stopAndAbort(String what) throws InterruptedException {
        stop = true;
        // Close first: a sender may be blocked in send() waiting for metadata (the broker is gone), and
        // closing wakes it with an exception.
        producer.close(Duration.ZERO);
        for (Thread t : threads) {
            t.join(30_000);
            LogModel.check(!t.isAlive(), what, "sender thread " + t.getName() + " did not stop: "
                + java.util.Arrays.toString(t.getStackTrace()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (completions.get() < sends.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        LogModel.check(completions.get() == sends.get(), what, "only " + completions.get() + " of " + sends.get()
            + " send callbacks ran within 60 s of closing the producer");
        if (unexpected.get() != null) {
            throw new AssertionError(what + ": a send failed before the kill", unexpected.get());
        }
    }

    long sends() {
        return sends.get();
    }

    long failures() {
        return failures.get();
    }
}
