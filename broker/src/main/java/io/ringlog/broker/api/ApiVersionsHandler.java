package io.ringlog.broker.api;

import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.concurrent.CompletableFuture;

/**
 * ApiVersions: the exact API/version ranges of {@link SupportedApis}; INVALID_REQUEST when a v3+
 * client sends an illegal software name or version (KIP-511).
 *
 * <p>Thread-safety: stateless.
 */
final class ApiVersionsHandler implements ApiHandler {
    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        ApiVersionsRequest req = (ApiVersionsRequest) request;
        ApiVersionsResponseData data = new ApiVersionsResponseData().setThrottleTimeMs(0);
        if (header.apiVersion() >= 3 && !req.isValid()) {
            data.setErrorCode(Errors.INVALID_REQUEST.code()).setApiKeys(SupportedApis.advertised());
        } else {
            data.setErrorCode(Errors.NONE.code()).setApiKeys(SupportedApis.advertised());
        }
        return CompletableFuture.completedFuture(new ApiVersionsResponse(data));
    }
}
