package io.ringlog.broker.group;

import java.util.Objects;

/**
 * One assignor a member supports, with its subscription metadata, as JoinGroup carries it.
 *
 * <p>Thread-safety: immutable (the metadata array is never modified after construction).
 *
 * @param name     assignor name, e.g. {@code range}
 * @param metadata the member's subscription for this assignor, opaque to the broker
 */
public record MemberProtocol(String name, byte[] metadata) {
    public MemberProtocol {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metadata, "metadata");
    }
}
