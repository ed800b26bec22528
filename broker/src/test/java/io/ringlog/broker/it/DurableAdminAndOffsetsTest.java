package io.ringlog.broker.it;

import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/** {@link AdminAndOffsetsTest} on the durable log-core store: topic deletion removes directories, ListOffsets by time uses the time index. */
class DurableAdminAndOffsetsTest extends AdminAndOffsetsTest {

    @BeforeAll
    static void start() throws Exception {
        broker = RunningBroker.durable(Map.of("num.partitions", "3"));
    }
}
