package io.ringlog.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without a registered durable store the broker command refuses to run (never falls back to memory). */
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
    void shouldReportNotImplementedWithoutADurableStore(@TempDir Path dir) {
        String err = runBroker("--data-dir", dir.toString(), "--listen", "127.0.0.1:0");
        assertTrue(err.contains("not implemented yet"), err);
        assertTrue(err.contains(dir.toString()), err);
    }

    @Test
    void shouldRejectABadConfigFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "num.partitions=many\n");
        String err = runBroker("--config", file.toString());
        assertTrue(err.contains("num.partitions"), err);
    }
}
