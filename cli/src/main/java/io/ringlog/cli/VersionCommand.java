package io.ringlog.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code ringlog version}: the ringlog version, the JDK and the kernel.
 *
 * <p>Thread-safety: runs on the main thread only.
 */
@Command(name = "version", description = "Print the ringlog, JDK and kernel versions.")
public final class VersionCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("ringlog " + ringlogVersion());
        System.out.println("java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        System.out.println("os " + System.getProperty("os.name") + " " + System.getProperty("os.version")
            + " " + System.getProperty("os.arch"));
    }

    /** The version from the build (resource {@code ringlog-version.properties}). */
    static String ringlogVersion() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("/ringlog-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Supplies {@code ringlog --version}. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ringlog " + ringlogVersion()};
        }
    }
}
