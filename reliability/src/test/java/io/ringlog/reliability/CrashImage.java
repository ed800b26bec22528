package io.ringlog.reliability;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The contents of a log directory as a disk would hold them after a power loss: captured at the crash
 * instant, then the writes that were not yet durable are undone, kept, or torn at 512-byte sector
 * granularity in a seeded random combination (CrashMonkey / ALICE style), the non-backend write in
 * flight (if any) is resolved ({@link InFlightFileWrite}), and a seeded suffix of the creates, renames
 * and deletes not yet covered by a directory fsync is undone ({@link NamespaceOp}; the journaled
 * file-system model of docs/reliability.md section 2).
 *
 * <p>Thread-safety: not thread-safe; built and materialised by one thread.
 */
final class CrashImage {
    static final int SECTOR = 512;
    private static final int CAPTURE_ATTEMPTS = 50;

    /**
     * A write that was not durable at the crash. {@code oldBytes} is what the range held before it,
     * {@code applied} says whether the bytes already reached the file (a plain write) or not (the write
     * in flight at the crash).
     */
    record VolatileWrite(Path file, long offset, byte[] oldBytes, byte[] newBytes, boolean applied) {
    }

    /** How the sectors of one non-durable write end up on the disk. */
    enum Tear { KEPT, DROPPED, PREFIX, RANDOM_SECTORS }

    private final Map<String, byte[]> files;
    private final List<String> decisions = new ArrayList<>();
    private int undone;

    private CrashImage(Map<String, byte[]> files) {
        this.files = files;
    }

    /**
     * Copies every file of {@code dir} (except {@code .lock}) as it is now, retrying the whole copy when
     * a file vanishes meanwhile, then resolves {@code volatileWrites} (newest first), {@code inFlight}
     * (may be null) and {@code pendingOps} (oldest first: undoes a random suffix) with {@code random}.
     */
    static CrashImage capture(Path dir, List<VolatileWrite> volatileWrites, InFlightFileWrite inFlight,
                              List<NamespaceOp> pendingOps, Random random) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                CrashImage image = new CrashImage(copy(dir));
                image.resolve(volatileWrites, random);
                if (inFlight != null) {
                    image.decisions.add(inFlight.resolve(image.files, random));
                }
                image.undoSuffix(pendingOps, random);
                CrashStats.crash(pendingOps.size(), image.undone, inFlight);
                return image;
            } catch (NoSuchFileException vanished) {
                if (attempt >= CAPTURE_ATTEMPTS) {
                    throw vanished;
                }
            }
        }
    }

    private static Map<String, byte[]> copy(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!name.equals(".lock") && Files.isRegularFile(p)) {
                    out.put(name, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    /** Newest first, so that a kept sector of a newer write is never undone by an older write's choice. */
    private void resolve(List<VolatileWrite> writes, Random random) {
        Map<String, Set<Long>> settled = new TreeMap<>();
        for (int i = writes.size() - 1; i >= 0; i--) {
            VolatileWrite w = writes.get(i);
            String name = w.file().getFileName().toString();
            byte[] content = files.get(name);
            if (content == null) {
                // Renamed or deleted after the write (a retired segment; only a device that never makes
                // writes durable leaves such writes pending): the name no longer holds it.
                decisions.add(name + "@" + w.offset() + ": file renamed or deleted since the write");
                continue;
            }
            Tear tear = Tear.values()[random.nextInt(Tear.values().length)];
            int sectors = (w.newBytes().length + SECTOR - 1) / SECTOR;
            int prefix = random.nextInt(sectors + 1);
            Set<Long> fixed = settled.computeIfAbsent(name, k -> new HashSet<>());
            int kept = 0;
            for (int s = 0; s < sectors; s++) {
                long sector = w.offset() / SECTOR + s;
                if (fixed.contains(sector)) {
                    continue;
                }
                boolean keep = switch (tear) {
                    case KEPT -> true;
                    case DROPPED -> false;
                    case PREFIX -> s < prefix;
                    case RANDOM_SECTORS -> random.nextBoolean();
                };
                content = place(content, w, s, keep);
                if (keep) {
                    fixed.add(sector);
                    kept++;
                }
            }
            files.put(name, content);
            decisions.add(name + "@" + w.offset() + "+" + w.newBytes().length + (w.applied() ? " written" : " in flight")
                + ": " + tear + " (" + kept + "/" + sectors + " sectors kept)");
        }
    }

    /**
     * Journaled file systems (ext4, xfs) commit metadata operations in order, so a power loss keeps a
     * prefix of the operations since the last directory fsync and loses the rest: undo a random suffix.
     */
    private void undoSuffix(List<NamespaceOp> pendingOps, Random random) {
        int kept = random.nextInt(pendingOps.size() + 1);
        for (int i = pendingOps.size() - 1; i >= kept; i--) {
            pendingOps.get(i).undo(files);
        }
        if (!pendingOps.isEmpty()) {
            undone = pendingOps.size() - kept;
            decisions.add("namespace: kept " + kept + " of " + pendingOps.size() + " operations not covered by a"
                + " directory fsync" + (kept < pendingOps.size() ? ", undone: " + pendingOps.subList(kept,
                pendingOps.size()) : ""));
        }
    }

    private static byte[] place(byte[] content, VolatileWrite w, int sector, boolean keep) {
        int from = sector * SECTOR;
        int len = Math.min(SECTOR, w.newBytes().length - from);
        long at = w.offset() + from;
        byte[] src = keep ? w.newBytes() : w.oldBytes();
        if (!keep && !w.applied()) {
            return content; // the in-flight write's dropped sector: the file still holds the old bytes
        }
        byte[] out = content;
        if (at + len > content.length) {
            out = java.util.Arrays.copyOf(content, (int) (at + len));
        }
        System.arraycopy(src, from, out, (int) at, len);
        return out;
    }

    /**
     * Damages the index files ({@code .index}, {@code .timeindex}) as a power loss may: log-core writes
     * them with truncate + write + fsync but no directory fsync, so after a crash one may be missing,
     * shorter, or (on file systems without ordered data) have zeros where its data was not written yet.
     * They are derived data: recovery must reject what does not check out and rebuild it. Each index
     * file is, by {@code random}: kept, deleted, cut at a random length, or zeroed from a random point.
     */
    void damageIndexFiles(Random random) {
        for (String name : List.copyOf(files.keySet())) {
            if (!name.endsWith(".index") && !name.endsWith(".timeindex")) {
                continue;
            }
            byte[] content = files.get(name);
            int at = content.length == 0 ? 0 : random.nextInt(content.length + 1);
            switch (random.nextInt(4)) {
                case 0 -> { }
                case 1 -> {
                    files.remove(name);
                    decisions.add(name + ": index file lost");
                }
                case 2 -> {
                    files.put(name, java.util.Arrays.copyOf(content, at));
                    decisions.add(name + ": index file cut to " + at + " bytes");
                }
                default -> {
                    java.util.Arrays.fill(content, at, content.length, (byte) 0);
                    decisions.add(name + ": index file zeroed from byte " + at);
                }
            }
        }
    }

    /** Writes the image as a new directory {@code target}. */
    void materialise(Path target) throws IOException {
        Files.createDirectories(target);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(target.resolve(e.getKey()), e.getValue());
        }
    }

    /** File names and sizes plus how each non-durable write was resolved, for failure messages. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        files.forEach((name, bytes) -> sb.append("  ").append(name).append(" (").append(bytes.length).append(" B)\n"));
        decisions.forEach(d -> sb.append("  lost at the crash: ").append(d).append('\n'));
        return sb.toString();
    }
}
