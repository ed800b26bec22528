package io.ringlog.broker.api;

import io.ringlog.broker.topic.Partition;
import io.ringlog.broker.topic.Topic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Fetch (consumers; no follower replication), topics by name up to v12 and by id from v13:
 * sessionless, i.e. every response carries session id 0
 * so the Java consumer sends full fetch requests each time (KIP-227 allows the broker to decline a
 * session). A request that refers to an existing session gets FETCH_SESSION_ID_NOT_FOUND, which makes
 * the client start over. read_committed is served like read_uncommitted, correctly so because no
 * transactional data can be stored (the last stable offset equals the log end).
 *
 * <p>When less than minBytes is available and maxWaitMs is positive, the request waits in a
 * {@link DelayedFetch} woken by appends.
 *
 * <p>Thread-safety: thread-safe.
 */
final class FetchHandler implements ApiHandler {
    /** From Fetch v13 on, topics are named by id only (KIP-516). */
    private static final short TOPIC_ID_VERSION = 13;
    private final BrokerContext context;

    FetchHandler(BrokerContext context) {
        this.context = context;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        FetchRequestData data = ((FetchRequest) request).data();
        if (data.sessionId() != 0) {
            return CompletableFuture.completedFuture(topLevelError(Errors.FETCH_SESSION_ID_NOT_FOUND));
        }
        if (data.sessionEpoch() > 0) {
            return CompletableFuture.completedFuture(topLevelError(Errors.INVALID_FETCH_SESSION_EPOCH));
        }
        boolean byId = header.apiVersion() >= TOPIC_ID_VERSION;
        List<FetchReader.Target> targets = new ArrayList<>();
        for (FetchRequestData.FetchTopic topic : data.topics()) {
            String name = byId ? context.topics().topic(topic.topicId()).map(Topic::name).orElse(null) : topic.topic();
            Uuid id = byId ? topic.topicId() : Uuid.ZERO_UUID;
            for (FetchRequestData.FetchPartition p : topic.partitions()) {
                targets.add(new FetchReader.Target(name, id, p.partition(), p.fetchOffset(),
                    Math.max(0, p.partitionMaxBytes())));
            }
        }
        int maxBytes = data.maxBytes() <= 0 ? Integer.MAX_VALUE : data.maxBytes();
        FetchReader reader = new FetchReader(context.topics(), targets, maxBytes);
        return CompletableFuture.supplyAsync(() -> respondOrWait(reader, data), context.ioPool())
            .thenCompose(f -> f);
    }

    private CompletableFuture<AbstractResponse> respondOrWait(FetchReader reader, FetchRequestData data) {
        FetchReader.Result first = reader.read();
        if (data.maxWaitMs() <= 0 || first.bytes() >= data.minBytes() || first.hasErrors() || reader.targets().isEmpty()) {
            return CompletableFuture.completedFuture(first.response());
        }
        List<Partition> watched = reader.targets().stream()
            .filter(t -> t.topic() != null)
            .map(t -> context.topics().partition(new TopicPartition(t.topic(), t.partition())))
            .filter(Objects::nonNull).distinct().toList();
        return new DelayedFetch(reader, data.minBytes(), watched, context.ioPool())
            .start(context.timer(), data.maxWaitMs());
    }

    private static FetchResponse topLevelError(Errors error) {
        return FetchResponse.of(new FetchResponseData().setErrorCode(error.code()).setSessionId(0).setThrottleTimeMs(0));
    }
}
