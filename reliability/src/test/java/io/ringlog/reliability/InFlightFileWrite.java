package io.ringlog.reliability;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * A non-backend file write in flight at the power loss: a zero-fill of a new prepared file or a
 * small-file replacement (open with truncate, write, fsync) whose fsync had not returned. The disk may
 * hold the old content (the truncate never reached it), an empty file, a prefix of the new content cut
 * at a 512-byte sector, all of it, or (file systems without ordered data) its full length with random
 * sectors still zero.
 *
 * <p>Thread-safety: immutable (the byte arrays are never modified).
 */
record InFlightFileWrite(String name, byte[] oldContent, byte[] newContent) {

    /** How the write ends up on the disk. */
    enum Outcome { OLD, EMPTY, SECTOR_PREFIX, COMPLETE, ZERO_SECTORS }

    /** Applies a seeded outcome to {@code files}; returns what was chosen, for failure messages. */
    String resolve(Map<String, byte[]> files, Random random) {
        Outcome outcome = Outcome.values()[random.nextInt(Outcome.values().length)];
        int sectors = (newContent.length + CrashImage.SECTOR - 1) / CrashImage.SECTOR;
        byte[] result = switch (outcome) {
            case OLD -> oldContent;
            case EMPTY -> new byte[0];
            case SECTOR_PREFIX -> Arrays.copyOf(newContent,
                Math.min(newContent.length, random.nextInt(sectors + 1) * CrashImage.SECTOR));
            case COMPLETE -> newContent;
            case ZERO_SECTORS -> zeroSectors(random, sectors);
        };
        files.put(name, result);
        return name + " (" + oldContent.length + " -> " + newContent.length + " B, in flight): " + outcome
            + ", " + result.length + " B on disk";
    }

    private byte[] zeroSectors(Random random, int sectors) {
        byte[] out = newContent.clone();
        for (int s = 0; s < sectors; s++) {
            if (random.nextBoolean()) {
                Arrays.fill(out, s * CrashImage.SECTOR, Math.min(out.length, (s + 1) * CrashImage.SECTOR), (byte) 0);
            }
        }
        return out;
    }
}
