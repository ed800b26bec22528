package io.ringlog.bench.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the result files (JSON, CSV, plot) all-or-nothing: each goes to a temporary file next to its
 * destination, and only when every one was written are they renamed into place. A run that fails or
 * is interrupted before {@link #commit()} leaves no result file, and {@link #abort()} (also from a
 * shutdown hook) deletes the temporaries.
 *
 * <p>Thread-safety: safe from any thread (synchronized), so a shutdown hook may abort concurrently.
 */
public final class OutputFiles {
    /** A writer of one file's content. Thread-safety: as the implementation's. */
    @FunctionalInterface
    public interface Writer {
        void write(Path file) throws IOException;
    }

    private final Map<Path, Path> pending = new LinkedHashMap<>();
    private boolean aborted;

    /** Writes {@code destination}'s content into a temporary file now; renamed by {@link #commit()}. */
    public synchronized void stage(Path destination, Writer writer) throws IOException {
        if (aborted) {
            throw new IOException("output aborted");
        }
        Path abs = destination.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        String name = abs.getFileName().toString();
        Path tmp = abs.resolveSibling("." + name + ".tmp-" + ProcessHandle.current().pid()
            + (name.contains(".") ? name.substring(name.lastIndexOf('.')) : ""));
        pending.put(abs, tmp);
        writer.write(tmp);
    }

    /** Renames every staged file into place. */
    public synchronized List<Path> commit() throws IOException {
        if (aborted) {
            throw new IOException("output aborted");
        }
        List<Path> done = new ArrayList<>();
        for (Map.Entry<Path, Path> e : pending.entrySet()) {
            try {
                Files.move(e.getValue(), e.getKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
            }
            done.add(e.getKey());
        }
        pending.clear();
        return done;
    }

    /** Deletes every staged temporary file; later stage/commit calls fail. Safe to call twice. */
    public synchronized void abort() {
        aborted = true;
        for (Path tmp : pending.values()) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort while failing or shutting down; the file name says it is a temporary
            }
        }
        pending.clear();
    }
}
