package io.ringlog.broker.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link DurableBrokerMain} as a child JVM (the broker's launcher path, as {@code bin/ringlog broker}
 * runs it) for process tests: SIGKILL and SIGTERM of the real process.
 *
 * <p>Thread-safety: stateless.
 */
final class BrokerProcesses {
    private static final String LISTENING = "ringlog broker listening on ";

    private BrokerProcesses() {
    }

    /** Starts a durable broker on {@code dir} with extra {@code key=value} settings; output merged. */
    static Process start(Path dir, String... settings) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
            DurableBrokerMain.class.getName(), dir.toString()));
        command.addAll(List.of(settings));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /**
     * Reads the child's output until its listening line (60 s at most) and returns the HOST:PORT in it;
     * the rest of the output is drained by a daemon thread.
     */
    static String awaitListening(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line; System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
            if (line.startsWith(LISTENING)) {
                Thread.ofPlatform().daemon().start(() -> out.lines().forEach(l -> { }));
                return line.substring(LISTENING.length()).trim();
            }
        }
        throw new AssertionError("the broker did not start (no '" + LISTENING + "' line)");
    }
}
