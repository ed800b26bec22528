package io.ringlog.reliability;

import java.util.Map;

/**
 * A create, rename or delete in the log directory that no directory fsync has covered yet: a power
 * loss may undo it. Each operation knows how to undo itself on a crash image ({@code name -> content}):
 * {@link CrashImage} undoes a suffix of the pending operations, newest first, so every undo sees the
 * directory exactly as the operation left it.
 *
 * <p>Thread-safety: immutable (the byte arrays are never modified after construction).
 */
sealed interface NamespaceOp {

    /** Puts the directory back as it was before this operation. */
    void undo(Map<String, byte[]> files);

    /** A file that did not exist was created (by a zero-fill or a small-file write). */
    record Create(String name) implements NamespaceOp {
        @Override
        public void undo(Map<String, byte[]> files) {
            files.remove(name);
        }

        @Override
        public String toString() {
            return "create " + name;
        }
    }

    /** {@code from} was renamed to {@code to}; {@code replaced} is what {@code to} held before, or null. */
    record Rename(String from, String to, byte[] replaced) implements NamespaceOp {
        @Override
        public void undo(Map<String, byte[]> files) {
            byte[] moved = files.remove(to);
            if (moved != null) {
                files.put(from, moved);
            }
            if (replaced != null) {
                files.put(to, replaced);
            }
        }

        @Override
        public String toString() {
            return "rename " + from + " -> " + to + (replaced == null ? "" : " (replacing " + replaced.length + " B)");
        }
    }

    /** {@code name} was deleted; {@code content} is what it held. */
    record Delete(String name, byte[] content) implements NamespaceOp {
        @Override
        public void undo(Map<String, byte[]> files) {
            files.put(name, content);
        }

        @Override
        public String toString() {
            return "delete " + name + " (" + content.length + " B)";
        }
    }
}
