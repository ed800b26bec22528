package io.ringlog.broker;

import io.ringlog.broker.storage.InMemoryPartitionLogFactory;

import java.util.HashMap;
import java.util.Map;

/** Test-only entry point: {@link BrokerRunner} over the in-memory store, for the process-level test. */
public final class InMemoryBrokerMain {
    private InMemoryBrokerMain() {
    }

    public static void main(String[] args) {
        Map<String, String> settings = new HashMap<>();
        settings.put(BrokerConfig.LISTENERS, "PLAINTEXT://127.0.0.1:0");
        System.exit(BrokerRunner.run(BrokerConfig.of(settings), new InMemoryPartitionLogFactory(), System.out));
    }
}
