package io.ringlog.broker.it;

import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/** {@link BadInputTest} on the durable log-core store: bad input never harms the log or the broker. */
class DurableBadInputTest extends BadInputTest {

    @BeforeAll
    static void start() throws Exception {
        broker = RunningBroker.durable(Map.of("socket.request.max.bytes", Integer.toString(1 << 20)));
        createTopic();
    }
}
