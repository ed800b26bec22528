package io.ringlog.broker;

import io.ringlog.broker.api.BrokerContext;
import io.ringlog.broker.api.KafkaRequestHandler;
import io.ringlog.broker.group.CoordinatorTimer;
import io.ringlog.broker.group.GroupCoordinator;
import io.ringlog.broker.group.GroupStore;
import io.ringlog.broker.group.GroupStoreException;
import io.ringlog.broker.network.InlineDispatch;
import io.ringlog.broker.network.NetworkSettings;
import io.ringlog.broker.network.SocketServer;
import io.ringlog.broker.storage.PartitionLogException;
import io.ringlog.broker.storage.PartitionLogFactory;
import io.ringlog.broker.topic.FileTopicMetadataStore;
import io.ringlog.broker.topic.TopicManager;
import io.ringlog.broker.topic.TopicMetadataStore;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Kafka-wire-compatible broker: a {@link SocketServer} (1 acceptor + num.network.threads
 * selector threads), a fixed I/O pool of num.io.threads threads for appends and blocking requests,
 * one timer thread for fetch long-poll deadlines, group deadlines and the periodic retention check, the
 * {@link TopicManager} over a {@link PartitionLogFactory}, and the {@link GroupCoordinator} over a {@link GroupStore}. See docs/broker.md for the threading model.
 *
 * <p>Thread-safety: {@link #start()} and {@link #close()} are synchronized; close is idempotent.
 */
public final class Broker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    /** How long close() lets in-flight requests finish and their responses be written. */
    private static final long SHUTDOWN_GRACE_MILLIS = 5_000;

    private final BrokerConfig config;
    private final PartitionLogFactory factory;
    private final TopicMetadataStore metadata;
    /** Given by the caller, or opened from the factory in {@link #start()}; null until then. */
    private GroupStore groupStore;
    private ExecutorService ioPool;
    private GroupCoordinator groups;
    private ScheduledExecutorService timer;
    private TopicManager topics;
    private SocketServer server;
    private InetSocketAddress bound;
    private boolean closed;

    /**
     * A broker whose topic metadata lives in {@code <data dir>/__ringlog_topics} and whose consumer-group
     * state lives in the factory's group store ({@link PartitionLogFactory#openGroupStore()}: durable for
     * the log-core store). The broker owns {@code factory} from now on and closes it in {@link #close()}.
     */
    public Broker(BrokerConfig config, PartitionLogFactory factory) {
        this(config, factory, new FileTopicMetadataStore(config.dataDir()));
    }

    /**
     * A broker with its topic metadata in {@code metadata} (tests pass {@link TopicMetadataStore#inMemory()})
     * and consumer-group state in the factory's group store, opened at {@link #start()}.
     */
    public Broker(BrokerConfig config, PartitionLogFactory factory, TopicMetadataStore metadata) {
        this(config, factory, metadata, null);
    }

    /**
     * A broker with its consumer-group state in {@code groupStore} (null: the factory's, opened at
     * {@link #start()}); the broker owns it (and {@code factory})
     * from now on and closes both in {@link #close()}.
     */
    public Broker(BrokerConfig config, PartitionLogFactory factory, TopicMetadataStore metadata, GroupStore groupStore) {
        this.config = config;
        this.factory = factory;
        this.metadata = metadata;
        this.groupStore = groupStore;
    }

    /**
     * Lists the existing topics and partitions, binds the listener and starts serving; the partition
     * logs are opened afterwards in the background, or by the first request for them (docs/broker.md,
     * "Ready time").
     *
     * @return the bound address (the real port when the listener asked for port 0)
     */
    public synchronized InetSocketAddress start() throws IOException, PartitionLogException, GroupStoreException {
        if (server != null || closed) {
            throw new IllegalStateException("broker already started or closed");
        }
        long t0 = System.nanoTime();
        // Initialising kafka-clients' protocol tables (ApiKeys builds every message schema) takes
        // ~300 ms on this 2-core machine; overlap it with listing the partitions and binding.
        Thread warmUp = Thread.ofPlatform().name("ringlog-protocol-init").daemon(true).start(ApiKeys::values);
        ioPool = Executors.newFixedThreadPool(config.ioThreads(), named("ringlog-io-"));
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, named("ringlog-timer-"));
        deadlines.setRemoveOnCancelPolicy(true); // most long-polls are woken by data, not by their deadline
        timer = deadlines;
        Executor appendVia = config.inlineAppends() ? new InlineDispatch(ioPool) : ioPool;
        topics = new TopicManager(factory, metadata, config.topicDefaults(), config.numPartitions(), ioPool, appendVia);
        try {
            topics.loadExisting();
            if (groupStore == null) {
                groupStore = factory.openGroupStore();
            }
            groups = new GroupCoordinator(groupStore, config.groupSettings(), CoordinatorTimer.of(timer), ioPool);
            groups.load(name -> topics.topic(name).isPresent());
            // The timer thread only queues the passes; the file work runs on the I/O pool.
            long every = config.retentionCheckIntervalMs();
            timer.scheduleWithFixedDelay(topics::applyRetention, every, every, TimeUnit.MILLISECONDS);
            InetSocketAddress listen = config.listener();
            InetSocketAddress bindTo = new InetSocketAddress(listen.getHostString(), listen.getPort());
            NetworkSettings network = new NetworkSettings(bindTo, config.networkThreads(), config.socketRequestMaxBytes(),
                config.maxInFlightRequests(), config.maxInFlightBytes(), config.queuedMaxRequestBytes(),
                config.connectionsMaxIdleMs(), SHUTDOWN_GRACE_MILLIS);
            // The handler needs the advertised port, known only after binding when port 0 was asked.
            DeferredHandler handler = new DeferredHandler();
            server = new SocketServer(network, handler);
            bound = server.start();
            InetSocketAddress adv = advertised(bound);
            warmUp.join();
            handler.set(new KafkaRequestHandler(new BrokerContext(config, topics, groups, ioPool, timer,
                Uuid.randomUuid().toString(), adv.getHostString(), adv.getPort())));
        } catch (IOException | PartitionLogException | GroupStoreException | RuntimeException e) {
            close();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while starting", e);
        }
        LOG.info("ringlog broker listening on {}:{} (ready in {} ms, data dir {})", bound.getHostString(),
            bound.getPort(), (System.nanoTime() - t0) / 1_000_000, config.dataDir());
        // Last, so the opener threads do not compete with the start path for the CPU.
        topics.openInBackground(config.recoveryThreads());
        return bound;
    }

    /**
     * What Metadata tells clients: advertised.listeners if set, else the bound address, except that a
     * wildcard bind (0.0.0.0, ::) is not routable, so the machine's host name is advertised instead.
     */
    private InetSocketAddress advertised(InetSocketAddress bound) {
        if (config.hasAdvertisedListener()) {
            return config.advertisedListener();
        }
        if (bound.getAddress() != null && bound.getAddress().isAnyLocalAddress()) {
            try {
                String host = InetAddress.getLocalHost().getHostName();
                LOG.info("listening on a wildcard address without advertised.listeners: advertising {}", host);
                return InetSocketAddress.createUnresolved(host, bound.getPort());
            } catch (UnknownHostException e) {
                LOG.warn("cannot resolve the local host name; set advertised.listeners", e);
            }
        }
        return bound;
    }

    /** The topics, once started (tests: reaching a {@code Partition}); package-private on purpose. */
    synchronized TopicManager topics() {
        return topics;
    }

    /** The bound address, once started. */
    public synchronized InetSocketAddress boundAddress() {
        return bound;
    }

    /** Stops accepting, finishes in-flight requests (up to a grace period), closes logs and threads. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (groups != null) {
            groups.shutdown(); // answers waiting joins and syncs now rather than after the grace period
        }
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.warn("closing the socket server failed", e);
            }
        }
        // Before the factory: the durable group store shares the factory's preparer threads. A store
        // write still running on the I/O pool finishes first (close waits for it); later ones fail.
        closeGroupStore();
        if (topics != null) {
            topics.close();
        } else {
            closeFactory();
        }
        shutdown(timer);
        shutdown(ioPool);
        LOG.info("ringlog broker stopped");
    }

    private void closeGroupStore() {
        if (groupStore == null) {
            return;
        }
        try {
            groupStore.close();
        } catch (GroupStoreException e) {
            LOG.warn("closing the group store failed", e);
        }
    }

    private void closeFactory() {
        try {
            factory.close();
        } catch (PartitionLogException e) {
            LOG.warn("closing the log factory failed", e);
        }
    }

    private static void shutdown(ExecutorService pool) {
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> Thread.ofPlatform().name(prefix + n.getAndIncrement()).daemon(true).unstarted(r);
    }
}
