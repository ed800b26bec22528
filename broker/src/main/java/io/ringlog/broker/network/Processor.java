package io.ringlog.broker.network;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A selector thread owning a share of the connections: reads frames, passes them to the request
 * handler, writes responses. Handler threads signal completed responses through a queue plus
 * {@link Selector#wakeup()}.
 *
 * <p>Thread-safety: {@link #adopt}, {@link #wakeUpFor}, {@link #budgetAvailable}, {@link #beginShutdown}
 * and {@link #awaitStop} are thread-safe; everything else runs on the processor's own thread.
 */
final class Processor implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Processor.class);
    private static final AtomicLong CONNECTION_IDS = new AtomicLong();

    private final int index;
    private final Selector selector;
    private final RequestHandler handler;
    private final NetworkSettings settings;
    private final RequestMemoryBudget budget;
    private volatile boolean recheckInterest;
    private final ConcurrentLinkedQueue<SocketChannel> newConnections = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Connection> ready = new ConcurrentLinkedQueue<>();
    private final Set<Connection> connections = new HashSet<>();
    private final Thread thread;
    private volatile boolean shuttingDown;
    private long shutdownDeadlineNanos;
    private long nextIdleScanNanos = System.nanoTime();
    private final InlineDispatch.Round round = new InlineDispatch.Round();

    Processor(int index, RequestHandler handler, NetworkSettings settings, RequestMemoryBudget budget) throws IOException {
        this.budget = budget;
        this.index = index;
        this.selector = Selector.open();
        this.handler = handler;
        this.settings = settings;
        this.thread = Thread.ofPlatform().name("ringlog-network-" + index).daemon(false).unstarted(this);
    }

    void start() {
        thread.start();
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Hands a freshly accepted socket to this processor (called by the acceptor). */
    void adopt(SocketChannel socket) {
        newConnections.add(socket);
        selector.wakeup();
    }

    /** Asks the processor to write the connection's completed responses (called by handler threads). */
    void wakeUpFor(Connection connection) {
        ready.add(connection);
        selector.wakeup();
    }

    /** The shared request-memory budget has room again: re-enable reading where it was off. */
    void budgetAvailable() {
        recheckInterest = true;
        selector.wakeup();
    }

    void beginShutdown() {
        shutdownDeadlineNanos = System.nanoTime() + settings.shutdownGraceMillis() * 1_000_000L;
        shuttingDown = true;
        selector.wakeup();
    }

    void awaitStop() throws InterruptedException {
        thread.join();
    }

    /** This thread's inline-append round (only for code running on the processor thread). */
    InlineDispatch.Round round() {
        return round;
    }

    void connectionClosed(Connection connection) {
        connections.remove(connection);
    }

    @Override
    public void run() {
        round.install();
        try {
            while (!shuttingDown || !drained()) {
                registerNewConnections();
                writeReadyResponses();
                if (recheckInterest) {
                    recheckInterest = false;
                    for (Connection c : Set.copyOf(connections)) {
                        c.refreshInterest();
                    }
                }
                selector.select(200);
                round.begin();
                for (SelectionKey key : selector.selectedKeys()) {
                    handleKey(key);
                }
                selector.selectedKeys().clear();
                runInlineTask();
                closeExpiredConnections();
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.error("processor {} stopped by an I/O error on its selector", index, e);
        } finally {
            round.abandon();
            for (Connection c : Set.copyOf(connections)) {
                c.close();
            }
            closeQuietly();
        }
    }

    /** During shutdown: stop reading, close idle connections; true once none is left or time is up. */
    private boolean drained() {
        for (SocketChannel s : newConnections) {
            closeSocket(s);
        }
        newConnections.clear();
        for (Connection c : Set.copyOf(connections)) {
            if (c.isIdle()) {
                c.close();
            } else {
                c.refreshInterest();
            }
        }
        return connections.isEmpty() || System.nanoTime() - shutdownDeadlineNanos > 0;
    }

    /** Once a second: close connections idle for longer than connections.max.idle.ms. */
    private void closeExpiredConnections() {
        long now = System.nanoTime();
        if (now - nextIdleScanNanos < 0) {
            return;
        }
        nextIdleScanNanos = now + 1_000_000_000L;
        long maxIdleNanos = settings.maxIdleMillis() * 1_000_000L;
        for (Connection c : Set.copyOf(connections)) {
            if (c.isExpired(now, maxIdleNanos)) {
                LOG.debug("{}: closing after {} ms without traffic", c.id(), settings.maxIdleMillis());
                c.close();
            }
        }
    }

    private void handleKey(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        try {
            handleReadyConnection(key, c);
        } catch (RuntimeException e) {
            // A bug triggered by one connection closes that connection, never the processor.
            LOG.error("{}: unexpected failure, closing the connection", c.id(), e);
            c.close();
        }
    }

    private void handleReadyConnection(SelectionKey key, Connection c) {
        if (!key.isValid()) {
            c.close();
            return;
        }
        if (key.isWritable()) {
            c.onWritable();
        }
        if (key.isValid() && key.isReadable()) {
            c.onReadable(handler);
        }
    }

    /** Runs the round's one append here, if it dispatched exactly one ({@link InlineDispatch}). */
    private void runInlineTask() {
        try {
            round.finish();
        } catch (RuntimeException e) {
            LOG.error("processor {}: an inline task failed", index, e);
        }
    }

    private void writeReadyResponses() {
        Connection c;
        while ((c = ready.poll()) != null) {
            try {
                c.onResponsesReady();
            } catch (RuntimeException e) {
                LOG.error("{}: unexpected failure writing responses, closing the connection", c.id(), e);
                c.close();
            }
        }
    }

    private void registerNewConnections() {
        SocketChannel socket;
        while ((socket = newConnections.poll()) != null) {
            String id = describe(socket) + "-" + CONNECTION_IDS.incrementAndGet();
            try {
                socket.configureBlocking(false);
                socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Connection c = new Connection(id, socket, this, settings, budget);
                c.attach(socket.register(selector, SelectionKey.OP_READ, c));
                connections.add(c);
            } catch (IOException e) {
                LOG.warn("{}: could not register the connection: {}", id, e.toString());
                closeSocket(socket);
            }
        }
    }

    private static String describe(SocketChannel socket) {
        try {
            return String.valueOf(socket.getRemoteAddress()).replace("/", "");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void closeSocket(SocketChannel socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }

    private void closeQuietly() {
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("selector close failed: {}", e.toString());
        }
    }
}
