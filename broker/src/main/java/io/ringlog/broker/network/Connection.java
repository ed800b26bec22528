package io.ringlog.broker.network;

import org.apache.kafka.common.network.Send;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection: reads size-prefixed frames, hands each to the {@link RequestHandler}, and
 * writes the responses strictly in request order while the requests themselves complete in any
 * order (a per-connection completion queue).
 *
 * <p>Memory: an idle connection holds a 4-byte size buffer and an empty queue; the body buffer is
 * allocated only after the size prefix passed the max-request-size check and is released once the
 * frame is handed off. Back-pressure: reading stops (OP_READ off) while the connection has
 * {@code maxInFlightRequests} requests or {@code maxInFlightBytes} bytes without a written response,
 * and no connection starts a new frame while the broker-wide {@link RequestMemoryBudget} is used up.
 *
 * <p>Thread-safety: confined to its processor thread, except {@link InFlight#response}, which
 * handler threads set (volatile) before asking the processor to look at the connection again.
 */
final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final int MAX_READ_CHUNK = 64 * 1024;
    private static final int MAX_FRAMES_PER_WAKEUP = 16;

    private final String id;
    private final SocketChannel socket;
    private final SocketTransferChannel channel;
    private final Processor processor;
    private final NetworkSettings settings;
    private final RequestMemoryBudget budget;
    private final ByteBuffer sizeBuffer = ByteBuffer.allocate(4);
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>(4);
    private SelectionKey key;
    private ByteBuffer body;
    private long inFlightBytes;
    private Send current;
    private boolean closed;
    private boolean closeAfterWrites;
    private long lastActiveNanos = System.nanoTime();

    /** A request whose response may still be computed; {@code response} is set once, by any thread. */
    private static final class InFlight {
        final int size;
        volatile Response response;

        InFlight(int size) {
            this.size = size;
        }
    }

    Connection(String id, SocketChannel socket, Processor processor, NetworkSettings settings, RequestMemoryBudget budget) {
        this.budget = budget;
        this.id = id;
        this.socket = socket;
        this.channel = new SocketTransferChannel(socket);
        this.processor = processor;
        this.settings = settings;
    }

    String id() {
        return id;
    }

    void attach(SelectionKey selectionKey) {
        this.key = selectionKey;
    }

    boolean isClosed() {
        return closed;
    }

    /** True when nothing is in flight or half-read: safe to close during shutdown. */
    boolean isIdle() {
        return inFlight.isEmpty() && current == null && body == null && sizeBuffer.position() == 0;
    }

    /** True when nothing is in flight and there was no traffic for {@code maxIdleNanos}. */
    boolean isExpired(long nowNanos, long maxIdleNanos) {
        return isIdle() && nowNanos - lastActiveNanos > maxIdleNanos;
    }

    void onReadable(RequestHandler handler) {
        lastActiveNanos = System.nanoTime();
        try {
            for (int frames = 0; frames < MAX_FRAMES_PER_WAKEUP && canRead(); frames++) {
                ByteBuffer frame = readFrame();
                if (frame == null) {
                    break;
                }
                dispatch(handler, frame);
            }
        } catch (FrameTooLargeException e) {
            LOG.info("{}: closing the connection: {}", id, e.getMessage());
            close();
            return;
        } catch (IOException e) {
            LOG.debug("{}: closing: {}", id, e.toString());
            close();
            return;
        }
        updateInterest();
    }

    /** A frame already being read is always finished; a new one starts only within all limits. */
    private boolean canRead() {
        if (closed || closeAfterWrites || processor.isShuttingDown()) {
            return false;
        }
        return body != null || (inFlight.size() < settings.maxInFlightRequests()
            && inFlightBytes < settings.maxInFlightBytes() && budget.hasRoom());
    }

    /** Reads what is available of the current frame; returns it when complete, else null. */
    private ByteBuffer readFrame() throws IOException, FrameTooLargeException {
        if (body == null) {
            if (socket.read(sizeBuffer) < 0) {
                throw new IOException("end of stream");
            }
            if (sizeBuffer.hasRemaining()) {
                return null;
            }
            int size = sizeBuffer.getInt(0);
            if (size < 0 || size > settings.maxRequestBytes()) {
                throw new FrameTooLargeException(size, settings.maxRequestBytes());
            }
            try {
                body = ByteBuffer.allocate(size);
            } catch (OutOfMemoryError e) {
                // One client's large frame must not take the network thread down with it.
                throw new IOException("cannot allocate " + size + " bytes for a request frame", e);
            }
            budget.acquire(size);
        }
        while (body.hasRemaining()) {
            // Cap each read: the JDK bounces heap reads through a per-thread direct buffer of the read size.
            int limit = body.limit();
            body.limit(Math.min(limit, body.position() + MAX_READ_CHUNK));
            int n;
            try {
                n = socket.read(body);
            } finally {
                body.limit(limit);
            }
            if (n < 0) {
                throw new IOException("end of stream inside a frame");
            }
            if (n == 0) {
                return null;
            }
        }
        ByteBuffer frame = body.flip();
        body = null;
        sizeBuffer.clear();
        return frame;
    }

    private void dispatch(RequestHandler handler, ByteBuffer frame) {
        InFlight request = new InFlight(frame.remaining());
        inFlight.addLast(request);
        inFlightBytes += request.size;
        CompletableFuture<Response> future;
        try {
            future = handler.handle(frame, id);
        } catch (RuntimeException e) {
            LOG.warn("{}: request handler failed, closing the connection", id, e);
            future = CompletableFuture.completedFuture(new Response.Close("handler failed: " + e));
        }
        future.whenComplete((response, error) -> {
            request.response = error == null ? response : new Response.Close("handler failed: " + error);
            processor.wakeUpFor(this);
        });
    }

    /** Moves completed head-of-queue responses to the socket, in request order. */
    void onResponsesReady() {
        if (closed) {
            return;
        }
        try {
            writePending();
        } catch (IOException e) {
            LOG.debug("{}: write failed, closing: {}", id, e.toString());
            close();
            return;
        }
        if (closeAfterWrites && current == null) {
            close();
            return;
        }
        updateInterest();
    }

    void onWritable() {
        lastActiveNanos = System.nanoTime();
        onResponsesReady();
    }

    private void writePending() throws IOException {
        while (true) {
            if (current != null) {
                current.writeTo(channel);
                if (!current.completed()) {
                    return;
                }
                current = null;
            }
            InFlight head = inFlight.peekFirst();
            Response response = head == null ? null : head.response;
            if (response == null || closeAfterWrites) {
                return;
            }
            inFlight.removeFirst();
            inFlightBytes -= head.size;
            budget.release(head.size);
            switch (response) {
                case Response.Reply reply -> current = reply.send();
                case Response.NoReply ignored -> { }
                case Response.Close close -> {
                    LOG.info("{}: closing connection: {}", id, close.reason());
                    closeAfterWrites = true;
                }
            }
        }
    }

    private void updateInterest() {
        if (closed || !key.isValid()) {
            return;
        }
        int ops = 0;
        if (canRead()) {
            ops |= SelectionKey.OP_READ;
        }
        if (current != null) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** Re-evaluates read interest, e.g. when shutdown begins. */
    void refreshInterest() {
        updateInterest();
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        long held = body == null ? 0 : body.capacity();
        for (InFlight request : inFlight) {
            held += request.size;
        }
        inFlight.clear();
        budget.release(held);
        body = null;
        current = null;
        if (key != null) {
            key.cancel();
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("{}: close failed: {}", id, e.toString());
        }
        processor.connectionClosed(this);
    }

    /** A frame's size prefix is negative or above socket.request.max.bytes. */
    static final class FrameTooLargeException extends Exception {
        FrameTooLargeException(int size, int max) {
            super("frame size " + size + " outside [0, " + max + "] (socket.request.max.bytes)");
        }
    }
}
