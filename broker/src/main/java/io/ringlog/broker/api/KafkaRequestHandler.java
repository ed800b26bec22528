package io.ringlog.broker.api;

import io.ringlog.broker.network.RequestHandler;
import io.ringlog.broker.network.Response;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Parses Kafka request frames with the kafka-clients message classes, routes them to the
 * {@link ApiHandler}s and serialises the responses. Policy for bad input, following Kafka:
 * an unparseable header, an unknown API key, an unsupported version (other than of ApiVersions) or
 * an unparseable body closes the connection, because no error response can be framed reliably;
 * ApiVersions at an unknown version gets UNSUPPORTED_VERSION in a v0 response listing the
 * ApiVersions range; other known but unimplemented APIs (among them the KIP-848 consumer-group APIs,
 * so that clients fall back to the classic group protocol) get UNSUPPORTED_VERSION.
 *
 * <p>Thread-safety: thread-safe; stateless apart from the immutable handler table.
 */
public final class KafkaRequestHandler implements RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRequestHandler.class);
    private final Map<ApiKeys, ApiHandler> handlers = new EnumMap<>(ApiKeys.class);

    public KafkaRequestHandler(BrokerContext context) {
        FetchHandler fetch = new FetchHandler(context);
        handlers.put(ApiKeys.API_VERSIONS, new ApiVersionsHandler());
        handlers.put(ApiKeys.METADATA, async(context, new MetadataHandler(context)));
        handlers.put(ApiKeys.PRODUCE, new ProduceHandler(context));
        handlers.put(ApiKeys.FETCH, fetch);
        handlers.put(ApiKeys.LIST_OFFSETS, async(context, new ListOffsetsHandler(context)));
        handlers.put(ApiKeys.CREATE_TOPICS, async(context, new CreateTopicsHandler(context)));
        handlers.put(ApiKeys.DELETE_TOPICS, async(context, new DeleteTopicsHandler(context)));
        handlers.put(ApiKeys.CREATE_PARTITIONS, async(context, new CreatePartitionsHandler(context)));
        handlers.put(ApiKeys.DESCRIBE_CONFIGS, async(context, new DescribeConfigsHandler(context)));
        handlers.put(ApiKeys.INIT_PRODUCER_ID, new InitProducerIdHandler());
        handlers.put(ApiKeys.DELETE_RECORDS, new DeleteRecordsHandler(context));
        handlers.put(ApiKeys.FIND_COORDINATOR, new FindCoordinatorHandler(context));
        handlers.put(ApiKeys.JOIN_GROUP, new JoinGroupHandler(context.groups()));
        handlers.put(ApiKeys.SYNC_GROUP, new SyncGroupHandler(context.groups()));
        handlers.put(ApiKeys.HEARTBEAT, new HeartbeatHandler(context.groups()));
        handlers.put(ApiKeys.LEAVE_GROUP, new LeaveGroupHandler(context.groups()));
        handlers.put(ApiKeys.OFFSET_COMMIT, new OffsetCommitHandler(context));
        handlers.put(ApiKeys.OFFSET_FETCH, new OffsetFetchHandler(context.groups()));
        handlers.put(ApiKeys.LIST_GROUPS, new ListGroupsHandler(context.groups()));
        handlers.put(ApiKeys.DESCRIBE_GROUPS, new DescribeGroupsHandler(context.groups()));
        handlers.put(ApiKeys.DELETE_GROUPS, new DeleteGroupsHandler(context.groups()));
        handlers.put(ApiKeys.OFFSET_DELETE, new OffsetDeleteHandler(context));
    }

    /** Runs a blocking handler on the I/O pool. */
    private static ApiHandler async(BrokerContext context, ApiHandler blocking) {
        return (header, request) -> CompletableFuture.supplyAsync(() -> blocking.handle(header, request).join(), context.ioPool());
    }

    @Override
    public CompletableFuture<Response> handle(ByteBuffer frame, String connection) {
        RequestHeader header;
        try {
            header = RequestHeader.parse(frame);
        } catch (RuntimeException e) {
            return close(connection, "unparseable request header: " + e.getMessage());
        }
        ApiKeys api = header.apiKey();
        short version = header.apiVersion();
        if (LOG.isTraceEnabled()) {
            LOG.trace("{}: {} v{} correlation {}", connection, api, version, header.correlationId());
        }
        if (api == ApiKeys.API_VERSIONS && !SupportedApis.isHandled(api, version)) {
            return CompletableFuture.completedFuture(unsupportedApiVersions(header));
        }
        if (!api.isVersionSupported(version)) {
            return close(connection, api + " version " + version + " is not supported");
        }
        AbstractRequest request;
        try {
            request = AbstractRequest.parseRequest(api, version, new ByteBufferAccessor(frame)).request;
        } catch (RuntimeException e) {
            return close(connection, "malformed " + api + " v" + version + " request: " + e);
        }
        ApiHandler handler = handlers.get(api);
        if (handler == null || !SupportedApis.isHandled(api, version)) {
            return CompletableFuture.completedFuture(unimplemented(connection, header, request));
        }
        CompletableFuture<AbstractResponse> result;
        try {
            result = handler.handle(header, request, connection);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((response, error) -> toResponse(connection, header, request, response, error));
    }

    private Response toResponse(String connection, RequestHeader header, AbstractRequest request,
                                AbstractResponse response, Throwable error) {
        if (error != null) {
            LOG.warn("{}: {} failed", connection, header.apiKey(), error);
            try {
                response = request.getErrorResponse(0, unwrap(error));
            } catch (RuntimeException e) {
                return new Response.Close(header.apiKey() + " failed and has no error response: " + error);
            }
        }
        if (request instanceof ProduceRequest produce && produce.acks() == 0) {
            // acks=0: no response; on error Kafka closes the connection so the client notices.
            boolean failed = response.errorCounts().keySet().stream().anyMatch(e -> e != Errors.NONE);
            return failed ? new Response.Close("acks=0 produce failed: " + response.errorCounts()) : new Response.NoReply();
        }
        return new Response.Reply(response.toSend(header.toResponseHeader(), header.apiVersion()));
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private Response unimplemented(String connection, RequestHeader header, AbstractRequest request) {
        try {
            AbstractResponse response = request.getErrorResponse(0, Errors.UNSUPPORTED_VERSION.exception(
                header.apiKey() + " is not implemented by ringlog"));
            return new Response.Reply(response.toSend(header.toResponseHeader(), header.apiVersion()));
        } catch (RuntimeException e) {
            LOG.info("{}: {} v{} is not implemented; closing", connection, header.apiKey(), header.apiVersion());
            return new Response.Close(header.apiKey() + " not implemented");
        }
    }

    /** KIP-511: answer at v0 with the ApiVersions range so the client can retry with a version we know. */
    private static Response unsupportedApiVersions(RequestHeader header) {
        ApiVersionsResponseData data = new ApiVersionsResponseData()
            .setErrorCode(Errors.UNSUPPORTED_VERSION.code())
            .setApiKeys(SupportedApis.apiVersionsOnly());
        ResponseHeader responseHeader = new ResponseHeader(header.correlationId(), (short) 0);
        return new Response.Reply(new ApiVersionsResponse(data).toSend(responseHeader, (short) 0));
    }

    private static CompletableFuture<Response> close(String connection, String reason) {
        LOG.info("{}: {}", connection, reason);
        return CompletableFuture.completedFuture(new Response.Close(reason));
    }
}
