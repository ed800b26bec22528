package io.ringlog.bench.target;

import java.nio.file.Path;

/**
 * The parameters every target gets.
 *
 * @param dir         directory the files go in (the file system being measured)
 * @param bytesPerOp  bytes per write (already rounded to 4096 for the raw target)
 * @param opsPerRound warm-up plus measured operations of one round
 * @param threads     appending threads
 * @param rounds      rounds every backend runs (the log target sizes its segment for all of them)
 *
 * <p>Thread-safety: immutable.
 */
public record TargetSetup(Path dir, int bytesPerOp, long opsPerRound, int threads, int rounds) {
}
