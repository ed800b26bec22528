package io.ringlog.cli;

import io.ringlog.broker.storage.PartitionLogFactoryProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker command runs on the registered durable store (never on the in-memory one) and checks its settings. */
class BrokerCommandTest {

    private static String runBroker(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "broker";
            System.arraycopy(args, 0, all, 1, args.length);
            assertEquals(2, Main.run(all));
        } finally {
            System.setErr(oldErr);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRunOnTheRegisteredLogCoreStore() {
        Optional<PartitionLogFactoryProvider> store = PartitionLogFactoryProvider.findDurable();
        assertTrue(store.isPresent(), "the log-core store is registered through META-INF/services");
        assertEquals("log-core", store.get().name());
    }

    @Test
    void shouldRejectABadConfigFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "num.partitions=many\n");
        String err = runBroker("--config", file.toString());
        assertTrue(err.contains("num.partitions"), err);
    }

    @Test
    void fastPathShouldTakeTheThreeOptionsInBothForms() {
        BrokerCommand c = BrokerCommand.parseFast(new String[] {"--data-dir", "d", "--listen=127.0.0.1:1", "--config=c.properties"})
            .orElseThrow();
        assertEquals(Path.of("d"), c.dataDir);
        assertEquals("127.0.0.1:1", c.listen);
        assertEquals(Path.of("c.properties"), c.config);
        BrokerCommand none = BrokerCommand.parseFast(new String[0]).orElseThrow();
        assertEquals(null, none.dataDir);
        assertEquals(null, none.listen);
        assertEquals(null, none.config);
    }

    @Test
    void fastPathShouldLeaveEverythingElseToPicocli() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"--bogus", "x"}, {"--data-dir"}, {"--listen="},
            {"--data-dir", "a", "--data-dir", "b"}, {"positional"}}) {
            assertTrue(BrokerCommand.parseFast(args).isEmpty(), String.join(" ", args));
        }
        String err = runBroker("--bogus", "x");
        assertTrue(err.contains("Unknown options: '--bogus', 'x'"), err);
    }
}
