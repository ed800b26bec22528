package io.ringlog.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A broker running in a child JVM ({@link ChildJvm}): its stdout is read by a thread that picks up the
 * {@code ringlog broker listening on HOST:PORT} line and hands every other line to a listener; stderr
 * goes to the test's stderr.
 *
 * <p>{@link #kill()} sends SIGKILL with {@code ProcessHandle.destroyForcibly} (only a signal:
 * {@code Process.destroyForcibly} would also close our end of the pipe, losing lines still in it).
 *
 * <p>Thread-safety: {@link #awaitListening}, {@link #kill} and {@link #close} are for the test thread;
 * the listener runs on the reader thread.
 */
final class BrokerProcess implements AutoCloseable {
    private static final String LISTENING = "ringlog broker listening on ";

    private final Process process;
    private final CompletableFuture<String> bootstrap = new CompletableFuture<>();
    private final Thread reader;
    private final long startedNanos = System.nanoTime();
    private volatile long listeningNanos;

    private BrokerProcess(Process process, Consumer<String> otherLines) {
        this.process = process;
        this.reader = Thread.ofPlatform().name("broker-stdout-" + process.pid()).daemon(true)
            .start(() -> readLines(otherLines));
    }

    /** Starts {@code main} (a broker child) with {@code args}. */
    static BrokerProcess start(List<String> jvmOptions, Class<?> main, Consumer<String> otherLines, String... args)
        throws IOException {
        Process p = ChildJvm.builder(jvmOptions, main, args).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new BrokerProcess(p, otherLines);
    }

    private void readLines(Consumer<String> otherLines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                int at = line.indexOf(LISTENING);
                if (at >= 0 && !bootstrap.isDone()) {
                    listeningNanos = System.nanoTime();
                    bootstrap.complete(line.substring(at + LISTENING.length()).trim());
                } else {
                    otherLines.accept(line);
                }
            }
            bootstrap.completeExceptionally(new IllegalStateException("the broker's stdout closed before it listened"));
        } catch (IOException e) {
            bootstrap.completeExceptionally(new UncheckedIOException(e));
        }
    }

    /** Waits for the listening line; returns {@code HOST:PORT}. Throws AssertionError after {@code seconds}. */
    String awaitListening(long seconds, String what) throws InterruptedException {
        try {
            return bootstrap.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(what + ": the broker did not start listening within " + seconds + " s"
                + (process.isAlive() ? "" : " (exited with " + process.exitValue() + ")"), e);
        }
    }

    /** Milliseconds from the process start to its listening line (0 before it). */
    long millisToListen() {
        long at = listeningNanos;
        return at == 0 ? 0 : (at - startedNanos) / 1_000_000;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL; waits for the death and for the rest of stdout; asserts it died by the signal. */
    void kill(String what) throws InterruptedException {
        process.toHandle().destroyForcibly();
        LogModel.check(process.waitFor(30, TimeUnit.SECONDS), what, "the broker did not die after SIGKILL");
        reader.join(10_000);
        int exit = process.exitValue();
        LogModel.check(exit == 137 || exit == 9, what, "the broker exited by itself with " + exit + " before the SIGKILL");
    }

    /** SIGTERM (clean shutdown); returns the exit code, or -1 if it did not exit within {@code seconds}. */
    int terminate(long seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            return -1;
        }
        reader.join(10_000);
        return process.exitValue();
    }

    /** SIGKILL if still alive, waiting up to 30 s for the death (an interrupt is kept as the thread's status). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.toHandle().destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
