package io.ringlog.bench.target;

/**
 * Settings of the {@code broker} target beyond {@link TargetSetup}.
 *
 * @param batched     asynchronous sends with batching, flushed at the end of the warm-up and of the
 *                    round (throughput), instead of one record in flight (latency)
 * @param warmupOps   unrecorded sends per round
 * @param measuredOps recorded sends per round
 *
 * <p>Thread-safety: immutable.
 */
public record BrokerOptions(boolean batched, int warmupOps, int measuredOps) {
}
