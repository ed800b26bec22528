package io.ringlog.reliability;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a child JVM running a main class of this module, on the same JDK and class path as the test
 * JVM, with native access enabled (log-io's FFM downcalls) and quiet logging.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** Starts {@code main} with {@code args}; stderr goes to the test's stderr unless redirected by the caller. */
    static ProcessBuilder builder(Class<?> main, String... args) {
        return builder(List.of(), main, args);
    }

    /** As {@link #builder(Class, String...)}, with extra JVM options (e.g. {@code -XX:NativeMemoryTracking=summary}). */
    static ProcessBuilder builder(List<String> jvmOptions, Class<?> main, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Xmx128m", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    static Process start(Class<?> main, String... args) throws IOException {
        return builder(main, args).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
