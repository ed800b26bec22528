package io.ringlog.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker as a process: prints its listening line, serves, and exits 0 on SIGTERM. */
class BrokerProcessTest {
    private static final Pattern LISTENING = Pattern.compile("listening on ([0-9.]+):(\\d+)");

    @Test
    void shouldPrintListeningLineAndExitZeroOnSigterm() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", InMemoryBrokerMain.class.getName()))
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            long readyMs = (System.nanoTime() - t0) / 1_000_000;
            Matcher m = LISTENING.matcher(String.valueOf(line));
            assertTrue(m.find(), "first line: " + line);
            System.out.println("broker process ready after " + readyMs + " ms (JVM start included)");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, m.group(1) + ":" + m.group(2),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
                assertEquals(1, admin.describeCluster().nodes().get().size());
            }
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "broker did not stop after SIGTERM");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }
}
