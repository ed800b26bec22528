package io.ringlog.broker.it;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Whether the kcat (librdkafka) command line client is on the PATH, for the tests that drive it
 * ({@code apt-get install kcat}); they are skipped with that reason when it is not.
 *
 * <p>Thread-safety: stateless.
 */
final class Kcat {
    /** The reason given when the kcat tests are skipped. */
    static final String MISSING = "kcat is not installed (apt-get install kcat)";

    private Kcat() {
    }

    /** True when {@code kcat -V} runs and exits 0 within 10 s. */
    static boolean installed() {
        try {
            Process p = new ProcessBuilder("kcat", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
