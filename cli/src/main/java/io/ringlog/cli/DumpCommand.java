package io.ringlog.cli;

import io.ringlog.core.tools.LogDump;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ringlog dump PATH}: prints the batches of a segment file or a log directory (logic in
 * {@link LogDump}).
 *
 * <p>Thread-safety: runs on the main thread only.
 */
@Command(name = "dump", description = "Print the record batches of a segment file or log directory.")
public final class DumpCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "A segment file (<20-digit offset>.log) or a log directory.")
    Path path;

    @Option(names = "--records", description = "Also print every record.")
    boolean records;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(path)) {
            System.err.println("ringlog dump: no such file or directory: " + path);
            return 1;
        }
        new LogDump(System.out, records, json).dump(path);
        return 0;
    }
}
