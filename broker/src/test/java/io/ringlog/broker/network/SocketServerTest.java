package io.ringlog.broker.network;

import org.apache.kafka.common.network.ByteBufferSend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The socket server alone, with a scripted request handler. */
class SocketServerTest {
    private final List<CompletableFuture<Response>> pending = new CopyOnWriteArrayList<>();
    private final List<ByteBuffer> frames = new CopyOnWriteArrayList<>();
    private SocketServer server;

    private InetSocketAddress start(int maxInFlight) throws IOException {
        return start(maxInFlight, 1 << 20);
    }

    private InetSocketAddress start(int maxInFlight, long maxQueuedBytes) throws IOException {
        return start(maxInFlight, maxQueuedBytes, 600_000);
    }

    private InetSocketAddress start(int maxInFlight, long maxQueuedBytes, long maxIdleMillis) throws IOException {
        NetworkSettings settings = new NetworkSettings(new InetSocketAddress("127.0.0.1", 0), 2, 1024,
            maxInFlight, 1 << 20, maxQueuedBytes, maxIdleMillis, 1000);
        server = new SocketServer(settings, (frame, connection) -> {
            CompletableFuture<Response> f = new CompletableFuture<>();
            frames.add(frame);
            pending.add(f);
            return f;
        });
        return server.start();
    }

    @AfterEach
    void stop() throws IOException {
        pending.forEach(f -> f.complete(new Response.NoReply()));
        server.close();
    }

    private static byte[] frames(int count) {
        ByteBuffer b = ByteBuffer.allocate(count * 8);
        for (int i = 0; i < count; i++) {
            b.putInt(4).putInt(i);
        }
        return b.array();
    }

    private static Response reply(int value) {
        return new Response.Reply(ByteBufferSend.sizePrefixed(ByteBuffer.allocate(4).putInt(value).flip()));
    }

    private static void awaitCount(List<?> list, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (list.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void shouldStopReadingWhileTooManyRequestsAreInFlight() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(start(2));
            s.getOutputStream().write(frames(50));
            awaitCount(frames, 2);
            Thread.sleep(200);
            assertEquals(2, frames.size(), "only maxInFlight requests may be read");
            pending.get(0).complete(new Response.NoReply());
            pending.get(1).complete(new Response.NoReply());
            awaitCount(frames, 4);
            Thread.sleep(100);
            assertEquals(4, frames.size());
        }
    }

    @Test
    void shouldStopReadingEveryConnectionWhileTheSharedBudgetIsUsedUp() throws Exception {
        InetSocketAddress address = start(16, 8); // room for two 4-byte frames in the whole broker
        try (Socket first = new Socket(); Socket second = new Socket()) {
            first.connect(address);
            second.connect(address);
            first.getOutputStream().write(frames(2));
            awaitCount(frames, 2);
            second.getOutputStream().write(frames(1));
            Thread.sleep(200);
            assertEquals(2, frames.size(), "the second connection must wait for budget");
            pending.get(0).complete(new Response.NoReply());
            awaitCount(frames, 3);
            assertEquals(3, frames.size());
        }
    }

    @Test
    void shouldCloseConnectionsIdleForLongerThanTheLimit() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(start(16, 1 << 20, 300));
            s.setSoTimeout(5000);
            long t0 = System.nanoTime();
            assertEquals(-1, s.getInputStream().read());
            long closedAfterMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(closedAfterMs >= 250, "closed after " + closedAfterMs + " ms");
        }
    }

    @Test
    void shouldWriteResponsesInRequestOrderWhateverTheCompletionOrder() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(start(16));
            s.getOutputStream().write(frames(3));
            awaitCount(pending, 3);
            pending.get(2).complete(reply(2));
            pending.get(1).complete(reply(1));
            Thread.sleep(100);
            assertEquals(0, s.getInputStream().available(), "nothing may be written before the first response");
            pending.get(0).complete(reply(0));
            DataInputStream in = new DataInputStream(s.getInputStream());
            for (int i = 0; i < 3; i++) {
                assertEquals(4, in.readInt());
                assertEquals(i, in.readInt());
            }
        }
    }

    /**
     * Completing threads write small responses themselves, the processor large ones: from many threads,
     * in shuffled order, with some responses above the direct-write limit, the client still reads every
     * response once and in request order (run repeatedly: races show up as a reordering or a hang).
     */
    @Test
    void shouldKeepRequestOrderWhenManyThreadsCompleteResponsesConcurrently() throws Exception {
        int count = 16;
        try (Socket s = new Socket()) {
            s.connect(start(count));
            s.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            java.util.Random random = new java.util.Random(42);
            for (int round = 0; round < 50; round++) {
                int first = pending.size();
                s.getOutputStream().write(frames(count));
                awaitCount(pending, first + count);
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    order.add(i);
                }
                java.util.Collections.shuffle(order, random);
                List<Thread> threads = new ArrayList<>();
                for (int i : order) {
                    int big = i % 5 == 0 ? 100_000 : 0; // above the 64 KiB direct-write limit
                    threads.add(Thread.ofPlatform().start(() -> pending.get(first + i).complete(sized(i, big))));
                }
                for (int i = 0; i < count; i++) {
                    int size = in.readInt();
                    assertEquals(i, in.readInt(), "round " + round);
                    in.skipNBytes(size - 4);
                }
                for (Thread t : threads) {
                    t.join();
                }
            }
        }
    }

    private static Response sized(int value, int padding) {
        return new Response.Reply(ByteBufferSend.sizePrefixed(ByteBuffer.allocate(4 + padding).putInt(value).rewind()));
    }

    @Test
    void shouldCloseOnlyTheOffendingConnectionOnAnOversizedFrame() throws Exception {
        InetSocketAddress address = start(16);
        try (Socket bad = new Socket(); Socket good = new Socket()) {
            bad.connect(address);
            good.connect(address);
            bad.getOutputStream().write(new byte[]{0, 0, 4, 1}); // 1025 > max 1024
            assertEquals(-1, bad.getInputStream().read());
            good.getOutputStream().write(frames(1));
            awaitCount(pending, 1);
            pending.getFirst().complete(reply(7));
            DataInputStream in = new DataInputStream(good.getInputStream());
            assertEquals(4, in.readInt());
            assertEquals(7, in.readInt());
        }
    }

    @Test
    void shouldHoldAThousandIdleConnectionsCheaply() throws Exception {
        InetSocketAddress address = start(16);
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                Socket s = new Socket();
                s.connect(address);
                sockets.add(s);
            }
            Thread.sleep(300);
            System.gc();
            long perConnection = (rt.totalMemory() - rt.freeMemory() - before) / 1000;
            System.out.println("heap per idle connection (client and server side): " + perConnection + " bytes");
            // Client and server side together; a Kafka-style 64 KiB buffer per connection would be 65,536.
            assertTrue(perConnection < 16_384, "heap per idle connection: " + perConnection + " bytes");
            Socket last = sockets.getLast();
            last.getOutputStream().write(frames(1));
            awaitCount(pending, 1);
            pending.getFirst().complete(reply(9));
            DataInputStream in = new DataInputStream(last.getInputStream());
            assertEquals(4, in.readInt());
            assertEquals(9, in.readInt());
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
