package io.ringlog.broker.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 7 item 4: seeded random and mutated Kafka frames ({@link FrameMutator}) over several
 * loopback connections to a durable in-process broker while a well-behaved producer and consumer
 * ({@link FuzzGoodClient}) keep working. Afterwards the broker answers ApiVersions on new
 * connections, every acknowledged record was consumed intact and in order, and heap and broker
 * threads stayed bounded.
 *
 * <p>10,000 frames by default; {@code -Dreliability.long=true} sends 1,000,000 and
 * {@code -Dfuzz.frames=N} any count; {@code -Dreliability.seed=N} replays a run (connection c uses
 * seed N + c, so the frames are the same; their interleaving with the broker's replies is not).
 */
class FrameFuzzTest {
    private static final int CONNECTIONS = 8;
    private static final int MAX_REQUEST_BYTES = 1 << 20;
    private static final long HEAP_GROWTH_LIMIT = 96L << 20;
    /** 2 network + 8 I/O threads (the defaults), acceptor, timer, segment preparer, and 3 to spare. */
    private static final int BROKER_THREAD_LIMIT = 16;
    private static List<Thread> threadsBeforeTheBroker = List.of();

    @Test
    void shouldSurviveMutatedFramesOnManyConnectionsWhileAGoodClientKeepsItsRecords() throws Exception {
        long seed = Long.getLong("reliability.seed", 20261121L);
        int frames = Integer.getInteger("fuzz.frames", Boolean.getBoolean("reliability.long") ? 1_000_000 : 10_000);
        System.out.println("frame fuzz: seed " + seed + ", " + frames + " frames over " + CONNECTIONS
            + " connections (replay with -Dreliability.seed=" + seed + " -Dfuzz.frames=" + frames + ")");
        threadsBeforeTheBroker = ringlogThreads().toList(); // earlier test classes may leave brokers' threads behind
        try (RunningBroker broker = RunningBroker.durable(Map.of("socket.request.max.bytes", Integer.toString(MAX_REQUEST_BYTES),
            "auto.create.topics.enable", "false"))) {
            createTopics(broker);
            long heapBefore = usedHeapAfterGc();
            int brokerThreadsBefore = brokerThreads();
            System.out.println("frame fuzz: broker threads before " + brokerThreadNames());
            FuzzGoodClient good = new FuzzGoodClient(broker, new TopicPartition("good", 0), seed);
            good.start();
            good.awaitFirstRecordConsumed(Duration.ofSeconds(30));
            long t0 = System.nanoTime();
            FuzzStats stats = fuzz(broker.address, seed, frames);
            long consumedDuringFuzz = good.consumedSoFar();
            good.stop(Duration.ofSeconds(60));
            System.out.println("frame fuzz: broker threads " + brokerThreadNames());
            System.out.printf("frame fuzz: %d frames in %d ms, %s; good client sent %d, consumed %d while fuzzing%n",
                frames, (System.nanoTime() - t0) / 1_000_000, stats, good.sent(), consumedDuringFuzz);
            assertAnswersApiVersionsOnNewConnections(broker.address);
            int acked = good.verifyAcknowledgedConsumed();
            assertTrue(good.problems.isEmpty(), "good client: " + good.problems.subList(0, Math.min(20, good.problems.size())));
            assertTrue(acked > 0 && consumedDuringFuzz > 0, "good client made progress: acked " + acked
                + ", consumed while fuzzing " + consumedDuringFuzz + ", send failures " + good.sendFailures);
            assertBounded(heapBefore, brokerThreadsBefore);
        }
    }

    private static void createTopics(RunningBroker broker) throws Exception {
        try (Admin admin = broker.admin()) {
            Map<String, String> small = Map.of("segment.bytes", "65536", "max.message.bytes", "16384");
            admin.createTopics(List.of(new NewTopic("good", 1, (short) 1).configs(small),
                new NewTopic("fuzz-target", 1, (short) 1).configs(small))).all().get();
        }
    }

    /** Runs the fuzzing connections to completion; a connection that does not finish is a stuck broker. */
    private static FuzzStats fuzz(InetSocketAddress address, long seed, int frames) throws Exception {
        FuzzStats total = new FuzzStats();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<FuzzStats>> futures = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int share = frames / CONNECTIONS + (c < frames % CONNECTIONS ? 1 : 0);
                FuzzConnection conn = new FuzzConnection(address, new FrameMutator(seed + c, "fuzz-target", MAX_REQUEST_BYTES), share);
                futures.add(pool.submit(conn::run));
            }
            // ~0.3 ms per frame here (32 s for 100,000); 1 ms per frame plus 30 s leaves room for slow machines.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).plusMillis(frames).toNanos();
            for (Future<FuzzStats> f : futures) {
                try {
                    total.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    fail("a fuzzing connection did not finish in time: broker stuck? " + total);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return total;
    }

    private static void assertAnswersApiVersionsOnNewConnections(InetSocketAddress address) throws IOException {
        for (int i = 0; i < 4; i++) { // several connections, so every network thread gets one
            try (RawKafkaConnection c = new RawKafkaConnection(address)) {
                ApiVersionsResponse r = (ApiVersionsResponse) c.roundTrip(new ApiVersionsRequest.Builder().build((short) 3));
                assertEquals(Errors.NONE.code(), r.data().errorCode());
            }
        }
    }

    private static void assertBounded(long heapBefore, int brokerThreadsBefore) {
        long heapAfter = usedHeapAfterGc();
        System.out.printf("frame fuzz: used heap %d MiB before, %d MiB after; broker threads %d before, %d after%n",
            heapBefore >> 20, heapAfter >> 20, brokerThreadsBefore, brokerThreads());
        assertTrue(heapAfter - heapBefore < HEAP_GROWTH_LIMIT, "used heap after GC grew from " + heapBefore + " to "
            + heapAfter + " bytes (limit +" + HEAP_GROWTH_LIMIT + ")");
        // Pools start threads on demand up to their size (the I/O pool fills up under load); one per connection would not fit.
        assertTrue(brokerThreads() <= BROKER_THREAD_LIMIT, "broker threads (limit " + BROKER_THREAD_LIMIT + ") " + brokerThreadsBefore
            + " -> " + brokerThreads() + ": " + brokerThreadNames());
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static java.util.stream.Stream<Thread> ringlogThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("ringlog-"));
    }

    /** This broker's threads: named ringlog-* and not there before it started. */
    private static java.util.stream.Stream<Thread> brokerThreadStream() {
        return ringlogThreads().filter(t -> !threadsBeforeTheBroker.contains(t));
    }

    private static java.util.SortedMap<String, Long> brokerThreadNames() {
        return brokerThreadStream().map(Thread::getName)
            .collect(java.util.stream.Collectors.groupingBy(n -> n.replaceAll("[0-9]+$", ""), java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }

    private static int brokerThreads() {
        return (int) brokerThreadStream().count();
    }

    /** Counters of one or all fuzzing connections. */
    static final class FuzzStats {
        long frames;
        long connects;
        long writeFailures;
        final java.util.concurrent.atomic.AtomicLong responseBytes = new java.util.concurrent.atomic.AtomicLong();
        long brokerCloses;

        void add(FuzzStats o) {
            frames += o.frames;
            connects += o.connects;
            writeFailures += o.writeFailures;
            responseBytes.addAndGet(o.responseBytes.get());
            brokerCloses += o.brokerCloses;
        }

        @Override
        public String toString() {
            return connects + " connections, " + brokerCloses + " closed by the broker, " + writeFailures + " writes refused, "
                + responseBytes + " response bytes";
        }
    }

    /** One fuzzing connection: writes shots, reconnects whenever the broker (or the shot) closed it. */
    private record FuzzConnection(InetSocketAddress address, FrameMutator mutator, int frames) {
        FuzzStats run() throws Exception {
            FuzzStats stats = new FuzzStats();
            Socket socket = null;
            Thread drainer = null;
            try {
                for (int i = 0; i < frames; i++) {
                    FrameMutator.Shot shot = mutator.next();
                    if (socket == null || socket.isClosed() || !drainer.isAlive()) {
                        close(socket, drainer);
                        socket = connect(stats);
                        drainer = drain(socket, stats);
                    }
                    long before = stats.responseBytes.get();
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write(shot.bytes());
                        out.flush();
                    } catch (IOException e) {
                        stats.writeFailures++;
                        socket.close();
                    }
                    if (shot.closeAfter()) {
                        socket.close();
                    } else {
                        awaitReaction(drainer, stats, before);
                    }
                    stats.frames++;
                }
            } finally {
                close(socket, drainer);
            }
            return stats;
        }

        /** Up to 20 ms for a response or a close, so frames keep meeting fresh connections and replies. */
        private static void awaitReaction(Thread drainer, FuzzStats stats, long responseBytesBefore) {
            long deadline = System.nanoTime() + 20_000_000L;
            while (drainer.isAlive() && stats.responseBytes.get() == responseBytesBefore && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
            if (!drainer.isAlive()) {
                stats.brokerCloses++;
            }
        }

        private Socket connect(FuzzStats stats) throws IOException, InterruptedException {
            for (int attempt = 0; ; attempt++) {
                Socket s = new Socket();
                try {
                    s.setSoLinger(true, 0); // reset on close: no TIME_WAIT pile-up over a million frames
                    s.connect(address, 5000);
                    s.setSoTimeout(1000);
                    stats.connects++;
                    return s;
                } catch (IOException e) {
                    s.close();
                    if (attempt == 20) {
                        throw e;
                    }
                    Thread.sleep(50);
                }
            }
        }

        /** Reads and discards responses until the connection ends; timeouts only re-check the socket. */
        private static Thread drain(Socket socket, FuzzStats stats) {
            return Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[8192];
                try (InputStream in = socket.getInputStream()) {
                    while (!socket.isClosed()) {
                        try {
                            int n = in.read(buf);
                            if (n < 0) {
                                return;
                            }
                            stats.responseBytes.addAndGet(n);
                        } catch (SocketTimeoutException e) {
                            // keep draining while the socket is open
                        }
                    }
                } catch (IOException e) {
                    // closed or reset: the writer reconnects
                }
            });
        }

        private static void close(Socket socket, Thread drainer) throws IOException, InterruptedException {
            if (socket != null) {
                socket.close();
            }
            if (drainer != null) {
                drainer.join(Duration.ofSeconds(5));
            }
        }
    }
}
