package io.ringlog.broker.network;

import java.net.InetSocketAddress;

/**
 * Settings of the socket server.
 *
 * <p>Thread-safety: immutable.
 *
 * @param bindAddress            where to listen; port 0 picks a free port
 * @param processorThreads       selector threads; each owns a share of the connections
 * @param maxRequestBytes        frames with a larger size prefix close the connection before any
 *                               allocation (socket.request.max.bytes)
 * @param maxInFlightRequests    stop reading a connection while it has this many requests without
 *                               a written response
 * @param maxInFlightBytes       ... or while the requests in flight total this many bytes
 * @param maxQueuedBytes         no connection starts reading a new frame while all connections together
 *                               hold this many request bytes (queued.max.request.bytes)
 * @param maxIdleMillis          close a connection with nothing in flight after this long without
 *                               traffic (connections.max.idle.ms)
 * @param shutdownGraceMillis    how long close() waits for in-flight responses to be written
 */
public record NetworkSettings(InetSocketAddress bindAddress, int processorThreads, int maxRequestBytes,
                              int maxInFlightRequests, long maxInFlightBytes, long maxQueuedBytes,
                              long maxIdleMillis, long shutdownGraceMillis) {
    public NetworkSettings {
        if (processorThreads < 1 || maxRequestBytes < 1 || maxInFlightRequests < 1 || maxInFlightBytes < 1
            || maxQueuedBytes < 1 || maxIdleMillis < 1) {
            throw new IllegalArgumentException("network settings must be positive: " + processorThreads + ", "
                + maxRequestBytes + ", " + maxInFlightRequests + ", " + maxInFlightBytes);
        }
    }
}
