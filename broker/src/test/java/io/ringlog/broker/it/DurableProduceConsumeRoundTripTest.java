package io.ringlog.broker.it;

import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/** {@link ProduceConsumeRoundTripTest} on the durable log-core store: keys, values and headers through real files. */
class DurableProduceConsumeRoundTripTest extends ProduceConsumeRoundTripTest {

    @BeforeAll
    static void start() throws Exception {
        broker = RunningBroker.durable(Map.of());
    }
}
