package io.ringlog.bench.target;

import io.ringlog.bench.Contender;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the bench writes to: {@code raw} (QD1 durable overwrites of a pre-zeroed file through the
 * log-io interface) today; {@code log} (appends through log-core's embedded log) once log-core's Log
 * API exists. A target prepares shared state once, then opens one {@link Contender} per backend.
 *
 * <p>Thread-safety: not thread-safe; the bench drives a target from one thread.
 */
public interface BenchTarget extends AutoCloseable {

    /** {@code "raw"} or {@code "log"}, as reported in results. */
    String name();

    /** Untimed setup shared by every backend, e.g. laying out the pre-zeroed file. */
    void prepare() throws IOException;

    /**
     * Opens {@code backend} for this target: one {@link Contender} per appending thread of the
     * {@link TargetSetup} (exactly one for {@code raw}), all measured together.
     *
     * @throws Exception any failure, reported as "unavailable: cause" for that backend
     */
    List<Contender> open(String backend) throws Exception;

    /** The pre-laid file fio overwrites for the equivalent job, or empty if the target has no fio twin. */
    Optional<Path> fioFile();

    /** Deletes the target's files. Safe to call twice. */
    @Override
    void close() throws IOException;
}
