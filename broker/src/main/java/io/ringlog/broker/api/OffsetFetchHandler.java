package io.ringlog.broker.api;

import io.ringlog.broker.group.GroupCoordinator;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopic;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetFetchRequest;
import org.apache.kafka.common.requests.OffsetFetchResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetFetch v1-9: one group before v8, several from v8; a null topic list (v2+) asks for every
 * committed offset of the group. require_stable (v7+) needs no wait, as no transactional commit can
 * be pending. v9's member id and epoch (KIP-848 consumers) are ignored for classic groups, as Kafka does.
 *
 * <p>Thread-safety: thread-safe (stateless).
 */
final class OffsetFetchHandler implements ApiHandler {
    private final GroupCoordinator groups;

    OffsetFetchHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        OffsetFetchRequestData d = ((OffsetFetchRequest) request).data();
        List<OffsetFetchResponseGroup> out = new ArrayList<>();
        if (header.apiVersion() < OffsetFetchRequest.BATCH_MIN_VERSION) {
            List<TopicPartition> partitions = null;
            if (d.topics() != null) {
                partitions = new ArrayList<>();
                for (OffsetFetchRequestTopic t : d.topics()) {
                    for (int p : t.partitionIndexes()) {
                        partitions.add(new TopicPartition(t.name(), p));
                    }
                }
            }
            out.add(groups.fetchOffsets(d.groupId(), partitions));
        } else {
            for (OffsetFetchRequestGroup g : d.groups()) {
                out.add(groups.fetchOffsets(g.groupId(), partitions(g.topics())));
            }
        }
        return CompletableFuture.completedFuture(new OffsetFetchResponse.Builder(out).build(header.apiVersion()));
    }

    private static List<TopicPartition> partitions(List<OffsetFetchRequestTopics> topics) {
        if (topics == null) {
            return null;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (OffsetFetchRequestTopics t : topics) {
            for (int p : t.partitionIndexes()) {
                partitions.add(new TopicPartition(t.name(), p));
            }
        }
        return partitions;
    }
}
