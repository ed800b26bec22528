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
import java.util.concurrent.locks.ReentrantLock;

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
 * <p>Responses are written by whichever thread completes them when it can do so without waiting
 * (see {@link #onResponseCompleted}): a small response whose request is at the head of the queue, with
 * nothing being written ahead of it, goes to the socket straight from the completing (I/O) thread;
 * everything else (a large or partly written response, a needed interest change, a close) is left
 * to the processor thread, woken through {@link Processor#wakeUpFor}. This saves the selector wake-up
 * and a thread hand-off on every produce answered in order, typically the whole latency path of a
 * producer with one request in flight.
 *
 * <p>Thread-safety: reading and the connection's life cycle are confined to its processor thread.
 * The write side (the in-flight queue, the send being written, the in-flight byte count, interest
 * changes and {@code closed}) is guarded by {@link #writeLock}, taken by the processor thread and,
 * with {@code tryLock} only, by completing threads. {@link InFlight#response} is set (volatile) by
 * any thread before it tries to write or asks the processor to.
 */
final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final int MAX_READ_CHUNK = 64 * 1024;
    private static final int MAX_FRAMES_PER_WAKEUP = 16;
    /**
     * Largest response a completing thread writes itself (a produce response is ~60-100 bytes). Larger
     * ones (fetches) go through the processor, so I/O threads never spend long on a socket and the
     * JDK's per-thread temporary direct buffer of a heap write stays small on every I/O thread.
     */
    private static final long MAX_DIRECT_WRITE_BYTES = 64 * 1024;

    private final String id;
    private final SocketChannel socket;
    private final SocketTransferChannel channel;
    private final Processor processor;
    private final NetworkSettings settings;
    private final RequestMemoryBudget budget;
    private final ByteBuffer sizeBuffer = ByteBuffer.allocate(4);
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>(4);
    private SelectionKey key;
    private ByteBuffer body;
    private long inFlightBytes;
    /** Processor thread only: requests dispatched in a row with no other one of this connection unanswered. */
    private int soloStreak;
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
        writeLock.lock();
        try {
            return inFlight.isEmpty() && current == null && body == null && sizeBuffer.position() == 0;
        } finally {
            writeLock.unlock();
        }
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
        writeLock.lock();
        try {
            if (closed || closeAfterWrites || processor.isShuttingDown()) {
                return false;
            }
            return body != null || (inFlight.size() < settings.maxInFlightRequests()
                && inFlightBytes < settings.maxInFlightBytes() && budget.hasRoom());
        } finally {
            writeLock.unlock();
        }
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
        int outstanding;
        writeLock.lock();
        try {
            inFlight.addLast(request);
            inFlightBytes += request.size;
            outstanding = inFlight.size();
        } finally {
            writeLock.unlock();
        }
        // Only a client that waited for its previous answer (twice in a row) may have its append
        // run on this thread (InlineDispatch); a pipelining one keeps the pool's overlap.
        soloStreak = outstanding == 1 ? soloStreak + 1 : 0;
        if (soloStreak < 2) {
            processor.round().crowd();
        }
        CompletableFuture<Response> future;
        try {
            future = handler.handle(frame, id);
        } catch (RuntimeException e) {
            LOG.warn("{}: request handler failed, closing the connection", id, e);
            future = CompletableFuture.completedFuture(new Response.Close("handler failed: " + e));
        }
        future.whenComplete((response, error) -> {
            request.response = error == null ? response : new Response.Close("handler failed: " + error);
            onResponseCompleted();
        });
    }

    /**
     * Any thread, after setting a response: writes the responses now ready at the head of the queue
     * itself when that needs no waiting and no processor work, else wakes the processor. The processor
     * is woken when the lock is busy (it may be past its look at the queue), when a response is large,
     * only partly written or closes the connection, when a write failed (the processor then closes the
     * connection), and when reading is off (a freed slot may let it read again).
     */
    private void onResponseCompleted() {
        if (!writeDirectly()) {
            processor.wakeUpFor(this);
        }
    }

    /** True when this thread wrote everything ready and nothing is left for the processor. */
    private boolean writeDirectly() {
        if (!writeLock.tryLock()) {
            return false;
        }
        try {
            if (closed) {
                return true;
            }
            if (current != null || closeAfterWrites) {
                return false;
            }
            writePending(MAX_DIRECT_WRITE_BYTES);
            InFlight head = inFlight.peekFirst();
            boolean headReady = head != null && head.response != null;
            return current == null && !closeAfterWrites && !headReady && key.isValid()
                && (key.interestOps() & SelectionKey.OP_READ) != 0;
        } catch (IOException e) {
            return false;
        } finally {
            writeLock.unlock();
        }
    }

    /** Processor thread: moves completed head-of-queue responses to the socket, in request order. */
    void onResponsesReady() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            try {
                writePending(Long.MAX_VALUE);
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
        } finally {
            writeLock.unlock();
        }
    }

    void onWritable() {
        lastActiveNanos = System.nanoTime();
        onResponsesReady();
    }

    /**
     * Lock held: writes the current send, then the ready head responses in order, until the socket
     * would block or the head is not ready; stops before a reply larger than {@code maxReplyBytes}.
     */
    private void writePending(long maxReplyBytes) throws IOException {
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
            if (response == null || closeAfterWrites
                || response instanceof Response.Reply r && r.send().size() > maxReplyBytes) {
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

    /** Processor thread. Interest changes happen under the write lock, so a completing thread sees them. */
    private void updateInterest() {
        writeLock.lock();
        try {
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
        } finally {
            writeLock.unlock();
        }
    }

    /** Re-evaluates read interest, e.g. when shutdown begins. */
    void refreshInterest() {
        updateInterest();
    }

    /** Processor thread only. */
    void close() {
        writeLock.lock();
        try {
            closeLocked();
        } finally {
            writeLock.unlock();
        }
    }

    private void closeLocked() {
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
