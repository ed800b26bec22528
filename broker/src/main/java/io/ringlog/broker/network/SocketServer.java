package io.ringlog.broker.network;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The broker's NIO socket server: one acceptor thread (blocking {@code accept}) hands new sockets
 * round-robin to a fixed set of {@link Processor} selector threads. Requests go to a
 * {@link RequestHandler}; responses come back in request order per connection.
 *
 * <p>Thread-safety: {@link #start()} and {@link #close()} may be called from any thread, once each.
 */
public final class SocketServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SocketServer.class);

    private final NetworkSettings settings;
    private final RequestHandler handler;
    private final List<Processor> processors = new ArrayList<>();
    private ServerSocketChannel serverSocket;
    private Thread acceptor;
    private volatile boolean closing;

    public SocketServer(NetworkSettings settings, RequestHandler handler) {
        this.settings = settings;
        this.handler = handler;
    }

    /**
     * Binds and starts the threads.
     *
     * @return the address actually bound (with the real port when 0 was asked)
     */
    public InetSocketAddress start() throws IOException {
        serverSocket = ServerSocketChannel.open();
        try {
            serverSocket.bind(settings.bindAddress(), 1024);
            RequestMemoryBudget budget = new RequestMemoryBudget(settings.maxQueuedBytes());
            for (int i = 0; i < settings.processorThreads(); i++) {
                Processor p = new Processor(i, handler, settings, budget);
                budget.register(p);
                processors.add(p);
            }
        } catch (IOException e) {
            serverSocket.close();
            throw e;
        }
        processors.forEach(Processor::start);
        acceptor = Thread.ofPlatform().name("ringlog-acceptor").unstarted(this::acceptLoop);
        acceptor.start();
        return (InetSocketAddress) serverSocket.getLocalAddress();
    }

    private void acceptLoop() {
        int next = 0;
        while (!closing) {
            try {
                SocketChannel socket = serverSocket.accept();
                processors.get(next).adopt(socket);
                next = (next + 1) % processors.size();
            } catch (AsynchronousCloseException e) {
                return;
            } catch (IOException e) {
                if (closing) {
                    return;
                }
                // e.g. EMFILE: back off instead of spinning; the broker keeps serving existing connections.
                LOG.warn("accept failed: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting, lets in-flight responses be written (up to the grace period), closes everything. */
    @Override
    public void close() throws IOException {
        if (closing || serverSocket == null) {
            return;
        }
        closing = true;
        serverSocket.close();
        processors.forEach(Processor::beginShutdown);
        try {
            acceptor.join();
            for (Processor p : processors) {
                p.awaitStop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
