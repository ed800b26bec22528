package io.ringlog.cli;

import io.ringlog.core.tools.LogVerify;
import io.ringlog.core.tools.VerifyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ringlog verify DIR}: full CRC and continuity scan of a log directory; exit code 0 when
 * consistent, 1 otherwise (logic in {@link LogVerify}).
 *
 * <p>Thread-safety: runs on the main thread only.
 */
@Command(name = "verify", description = "Check every batch's CRC and offset continuity in a log directory (exit 0/1).")
public final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "The log directory.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            System.err.println("ringlog verify: not a directory: " + dir);
            return 1;
        }
        VerifyResult result = new LogVerify(System.out).verify(dir);
        return result.ok() ? 0 : 1;
    }
}
