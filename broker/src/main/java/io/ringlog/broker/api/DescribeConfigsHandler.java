package io.ringlog.broker.api;

import io.ringlog.broker.BrokerConfig;
import io.ringlog.broker.topic.Topic;
import io.ringlog.broker.topic.TopicConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeConfigs for TOPIC resources (the keys of {@link TopicConfig}, with source TOPIC_CONFIG or
 * DEFAULT_CONFIG) and for the BROKER resource "0" or "" (the static settings); other resource types
 * get INVALID_REQUEST. Config types are left UNKNOWN (0), which AdminClient accepts.
 *
 * <p>Thread-safety: thread-safe.
 */
final class DescribeConfigsHandler implements ApiHandler {
    private final BrokerContext context;

    DescribeConfigsHandler(BrokerContext context) {
        this.context = context;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        DescribeConfigsRequest req = (DescribeConfigsRequest) request;
        DescribeConfigsResponseData data = new DescribeConfigsResponseData().setThrottleTimeMs(0);
        for (DescribeConfigsResource r : req.data().resources()) {
            data.results().add(describe(r, req.data().includeSynonyms()));
        }
        return CompletableFuture.completedFuture(new DescribeConfigsResponse(data));
    }

    private DescribeConfigsResult describe(DescribeConfigsResource r, boolean synonyms) {
        DescribeConfigsResult result = new DescribeConfigsResult().setResourceType(r.resourceType())
            .setResourceName(r.resourceName()).setErrorCode(Errors.NONE.code());
        ConfigResource.Type type = ConfigResource.Type.forId(r.resourceType());
        if (type == ConfigResource.Type.TOPIC) {
            Optional<Topic> topic = context.topics().topic(r.resourceName());
            if (topic.isEmpty()) {
                return result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code())
                    .setErrorMessage("Topic " + r.resourceName() + " does not exist");
            }
            TopicConfig config = topic.get().config();
            config.effectiveValues().forEach((k, v) -> add(result, r.configurationKeys(), k, v,
                config.isOverridden(k) ? ConfigSources.TOPIC : ConfigSources.DEFAULT, synonyms));
            return result;
        }
        if (type == ConfigResource.Type.BROKER && (r.resourceName().isEmpty()
            || r.resourceName().equals(Integer.toString(BrokerContext.NODE_ID)))) {
            Map<String, String> sorted = new TreeMap<>(context.config().values());
            sorted.forEach((k, v) -> add(result, r.configurationKeys(), k, v,
                BrokerConfig.DEFAULTS.getOrDefault(k, "").equals(v) ? ConfigSources.DEFAULT : ConfigSources.STATIC_BROKER,
                synonyms));
            return result;
        }
        return result.setErrorCode(Errors.INVALID_REQUEST.code())
            .setErrorMessage("Unsupported resource " + type + " '" + r.resourceName() + "'");
    }

    private static void add(DescribeConfigsResult result, List<String> wanted, String key, String value,
                            byte source, boolean synonyms) {
        if (wanted != null && !wanted.contains(key)) {
            return;
        }
        DescribeConfigsResourceResult entry = new DescribeConfigsResourceResult().setName(key).setValue(value)
            .setReadOnly(source != ConfigSources.TOPIC).setConfigSource(source).setIsSensitive(false);
        if (synonyms) {
            entry.synonyms().add(new DescribeConfigsSynonym().setName(key).setValue(value).setSource(source));
        }
        result.configs().add(entry);
    }
}
