package io.ringlog.broker.api;

import io.ringlog.broker.topic.Partition;
import io.ringlog.broker.topic.Topic;
import io.ringlog.broker.topic.TopicNames;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Metadata: one broker (node 0, the controller and the leader and only replica of every partition),
 * the requested topics, creating missing ones when both the client allows it and
 * auto.create.topics.enable is on. Blocking (topic creation): runs on the I/O pool.
 *
 * <p>Thread-safety: thread-safe.
 */
final class MetadataHandler implements ApiHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataHandler.class);
    private final BrokerContext context;

    MetadataHandler(BrokerContext context) {
        this.context = context;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        MetadataRequest req = (MetadataRequest) request;
        MetadataResponseData data = new MetadataResponseData()
            .setThrottleTimeMs(0)
            .setClusterId(context.clusterId())
            .setControllerId(BrokerContext.NODE_ID);
        data.brokers().add(new MetadataResponseBroker().setNodeId(BrokerContext.NODE_ID)
            .setHost(context.advertisedHost()).setPort(context.advertisedPort()).setRack(null));
        if (req.isAllTopics()) {
            context.topics().topics().forEach(t -> data.topics().add(describe(t)));
        } else {
            boolean autoCreate = req.allowAutoTopicCreation() && context.config().autoCreateTopics();
            for (MetadataRequestData.MetadataRequestTopic t : req.data().topics()) {
                data.topics().add(lookup(t, autoCreate));
            }
        }
        return CompletableFuture.completedFuture(new MetadataResponse(data, header.apiVersion()));
    }

    private MetadataResponseTopic lookup(MetadataRequestData.MetadataRequestTopic requested, boolean autoCreate) {
        String name = requested.name();
        Uuid id = requested.topicId();
        if (name == null && id != null && !Uuid.ZERO_UUID.equals(id)) {
            return context.topics().topic(id).map(this::describe).orElseGet(() ->
                error(null, id, Errors.UNKNOWN_TOPIC_ID));
        }
        if (!TopicNames.isValid(name)) {
            return error(name, Uuid.ZERO_UUID, Errors.INVALID_TOPIC_EXCEPTION);
        }
        Optional<Topic> topic = context.topics().topic(name);
        if (topic.isEmpty() && autoCreate) {
            topic = autoCreate(name);
        }
        return topic.map(this::describe).orElseGet(() -> error(name, Uuid.ZERO_UUID, Errors.UNKNOWN_TOPIC_OR_PARTITION));
    }

    private Optional<Topic> autoCreate(String name) {
        try {
            return Optional.of(context.topics().create(name, -1, Map.of(), false));
        } catch (TopicExistsException e) {
            return context.topics().topic(name);
        } catch (RuntimeException e) {
            LOG.warn("auto-creating topic {} failed: {}", name, e.toString());
            return Optional.empty();
        }
    }

    private static MetadataResponseTopic error(String name, Uuid id, Errors error) {
        return new MetadataResponseTopic().setName(name).setTopicId(id).setErrorCode(error.code())
            .setIsInternal(false).setPartitions(List.of());
    }

    private MetadataResponseTopic describe(Topic topic) {
        List<MetadataResponsePartition> partitions = new ArrayList<>(topic.partitions().size());
        for (Partition p : topic.partitions()) {
            partitions.add(new MetadataResponsePartition()
                .setErrorCode(Errors.NONE.code())
                .setPartitionIndex(p.id().partition())
                .setLeaderId(BrokerContext.NODE_ID)
                .setLeaderEpoch(0)
                .setReplicaNodes(List.of(BrokerContext.NODE_ID))
                .setIsrNodes(List.of(BrokerContext.NODE_ID))
                .setOfflineReplicas(List.of()));
        }
        return new MetadataResponseTopic().setErrorCode(Errors.NONE.code()).setName(topic.name())
            .setTopicId(topic.id()).setIsInternal(false).setPartitions(partitions);
    }
}
