package io.ringlog.broker.api;

import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * InitProducerId for idempotent (non-transactional) producers: a fresh producer id with epoch 0, or,
 * when the producer presents its current id and epoch (KIP-360 epoch bump after an error), the same
 * id with the next epoch. Ids start from the clock (milliseconds x 1000) so ids handed out before a
 * restart are not handed out again. Transactional ids are refused (no transaction coordinator).
 *
 * <p>Thread-safety: thread-safe (atomic counter).
 */
final class InitProducerIdHandler implements ApiHandler {
    private final AtomicLong nextProducerId = new AtomicLong(System.currentTimeMillis() * 1000);

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestHeader header, AbstractRequest request) {
        InitProducerIdRequestData req = ((InitProducerIdRequest) request).data();
        InitProducerIdResponseData data = new InitProducerIdResponseData().setThrottleTimeMs(0);
        if (req.transactionalId() != null) {
            data.setErrorCode(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code())
                .setProducerId(RecordBatch.NO_PRODUCER_ID).setProducerEpoch(RecordBatch.NO_PRODUCER_EPOCH);
        } else if (req.producerId() >= 0 && req.producerEpoch() >= 0 && req.producerEpoch() < Short.MAX_VALUE - 1) {
            data.setErrorCode(Errors.NONE.code()).setProducerId(req.producerId())
                .setProducerEpoch((short) (req.producerEpoch() + 1));
        } else {
            data.setErrorCode(Errors.NONE.code()).setProducerId(nextProducerId.getAndIncrement()).setProducerEpoch((short) 0);
        }
        return CompletableFuture.completedFuture(new InitProducerIdResponse(data));
    }
}
