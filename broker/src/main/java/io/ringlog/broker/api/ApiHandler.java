package io.ringlog.broker.api;

import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.concurrent.CompletableFuture;

/**
 * Handles one API: a parsed request in, a response out (possibly later).
 *
 * <p>Thread-safety: implementations are thread-safe; {@link #handle} is called on a network thread,
 * in per-connection request order, and must not block.
 */
@FunctionalInterface
interface ApiHandler {
    CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request);

    /**
     * The entry point the dispatcher calls; handlers that need the client's address (JoinGroup records
     * it as the member's host) override this one.
     *
     * @param connection the connection's name, {@code HOST:PORT-N}
     */
    default CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request, String connection) {
        return handle(header, request);
    }
}
