package io.ringlog.broker;

import io.ringlog.broker.group.GroupStoreException;
import io.ringlog.broker.storage.PartitionLogException;
import io.ringlog.broker.storage.PartitionLogFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a broker in the foreground for a launcher: starts it, prints one line containing
 * {@code listening on HOST:PORT}, and on SIGTERM or SIGINT stops accepting, finishes in-flight
 * requests, closes the logs and returns exit code 0.
 *
 * <p>SIGTERM is caught with {@code sun.misc.Signal} (module jdk.unsupported, no JVM flag needed):
 * a shutdown hook alone would make the JVM exit with 143 instead of 0.
 *
 * <p>Thread-safety: {@link #run} is meant to be called once, from the main thread.
 */
public final class BrokerRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerRunner.class);

    private BrokerRunner() {
    }

    /**
     * @return 0 after a clean shutdown, 1 when the broker could not start
     */
    public static int run(BrokerConfig config, PartitionLogFactory factory, PrintStream out) {
        Broker broker = new Broker(config, factory);
        InetSocketAddress bound;
        try {
            bound = broker.start();
        } catch (IOException | PartitionLogException | GroupStoreException | RuntimeException e) {
            LOG.error("ringlog broker failed to start", e);
            broker.close();
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        out.println("ringlog broker listening on " + bound.getHostString() + ":" + bound.getPort());
        out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("shutting down");
        broker.close();
        return 0;
    }
}
