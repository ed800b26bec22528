package io.ringlog.broker.network;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Turns one request frame (header and body, without the 4-byte size) into a response.
 *
 * <p>Thread-safety: must be thread-safe. {@link #handle} is called on a processor (selector) thread,
 * in the order the requests of one connection arrived, and must not block: blocking work goes to
 * the handler's own executors and completes the returned future later, from any thread.
 */
@FunctionalInterface
public interface RequestHandler {

    /**
     * @param frame      the request bytes; owned by the handler from now on
     * @param connection names the connection in logs (e.g. {@code 127.0.0.1:51234-7})
     */
    CompletableFuture<Response> handle(ByteBuffer frame, String connection);
}
