package io.ringlog.broker.network;

import org.apache.kafka.common.network.Send;

/**
 * What the network layer does once a request has been handled.
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface Response permits Response.Reply, Response.NoReply, Response.Close {

    /** Write this (size-prefixed) response, after the responses to all earlier requests. */
    record Reply(Send send) implements Response {
    }

    /** The request gets no response (Produce with acks=0). */
    record NoReply() implements Response {
    }

    /** Close the connection once the earlier responses are written (malformed request and no error response exists). */
    record Close(String reason) implements Response {
    }
}
