package io.ringlog.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code ringlog} command: one launcher, one subcommand per job.
 *
 * <p>Thread-safety: runs on the main thread only.
 */
@Command(name = "ringlog", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
    description = "A Kafka-style append log whose every append is durable on return.",
    subcommands = {VersionCommand.class, BrokerCommand.class, IoProbeCommand.class, DumpCommand.class,
        VerifyCommand.class, io.ringlog.bench.BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns the exit code (for tests). {@code broker} with only its own
     * options skips picocli ({@link BrokerCommand#parseFast}): its reflective model costs ~300 ms of
     * the broker's start on this VM.
     */
    public static int run(String... args) {
        if (args.length > 0 && args[0].equals("broker")) {
            Optional<BrokerCommand> fast = BrokerCommand.parseFast(Arrays.copyOfRange(args, 1, args.length));
            if (fast.isPresent()) {
                return fast.get().call();
            }
        }
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
