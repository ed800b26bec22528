package io.ringlog.broker;

import io.ringlog.broker.network.RequestHandler;
import io.ringlog.broker.network.Response;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link RequestHandler} set once after the socket is bound (the advertised port may only be
 * known then); a request arriving before that closes its connection.
 *
 * <p>Thread-safety: thread-safe (volatile publication of the delegate).
 */
final class DeferredHandler implements RequestHandler {
    private volatile RequestHandler delegate;

    void set(RequestHandler handler) {
        this.delegate = handler;
    }

    @Override
    public CompletableFuture<Response> handle(ByteBuffer frame, String connection) {
        RequestHandler d = delegate;
        return d != null ? d.handle(frame, connection)
            : CompletableFuture.completedFuture(new Response.Close("broker is still starting"));
    }
}
