package io.ringlog.broker.it;

import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/** {@link CompressionAndSizeTest} on the durable log-core store: every codec stored verbatim, 3 MB records, 500 partitions (16 KiB segments). */
class DurableCompressionAndSizeTest extends CompressionAndSizeTest {

    @BeforeAll
    static void start() throws Exception {
        broker = RunningBroker.durable(Map.of("message.max.bytes", Integer.toString(4 << 20)));
        createTopics();
    }
}
