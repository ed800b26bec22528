package io.ringlog.core.segment;

import java.nio.file.Path;

/**
 * File names in a log directory.
 *
 * <pre>
 *  00000000000000000000.log        segment whose first batch has base offset 0 (20 digits, zero padded)
 *  00000000000000000000.index      sparse offset index of that segment (derived, rebuilt on recovery)
 *  00000000000000000000.timeindex  sparse time index of that segment (derived, rebuilt on recovery)
 *  prepared-00000003.segment       a full-size, fully written segment file ready to become the next .log
 *  prepared-00000004.tmp           a file the preparer is still zero-filling (deleted on open)
 *  clean-shutdown                  marker written by close(), deleted on open (see CleanShutdownMarker)
 *  log-start-offset                checkpoint of deleteRecordsBefore (see LogStartOffsetCheckpoint)
 * </pre>
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class SegmentFileNames {
    public static final String LOG_SUFFIX = ".log";
    public static final String INDEX_SUFFIX = ".index";
    public static final String TIME_INDEX_SUFFIX = ".timeindex";
    public static final String PREPARED_PREFIX = "prepared-";
    public static final String PREPARED_SUFFIX = ".segment";
    public static final String RETIRED_SUFFIX = ".retired";
    public static final String PREPARING_SUFFIX = ".tmp";
    public static final String CLEAN_SHUTDOWN = "clean-shutdown";
    public static final String LOG_START_OFFSET = "log-start-offset";
    public static final String MAX_WRITE = "max-write";
    private static final int DIGITS = 20;

    private SegmentFileNames() {
    }

    /** {@code 00000000000000000042} for 42. */
    public static String baseName(long baseOffset) {
        if (baseOffset < 0) {
            throw new IllegalArgumentException("negative base offset " + baseOffset);
        }
        String s = Long.toString(baseOffset);
        return "0".repeat(DIGITS - s.length()) + s;
    }

    public static Path logFile(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + LOG_SUFFIX);
    }

    public static Path indexFile(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + INDEX_SUFFIX);
    }

    public static Path timeIndexFile(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + TIME_INDEX_SUFFIX);
    }

    public static Path preparedFile(Path dir, long sequence) {
        return dir.resolve(PREPARED_PREFIX + String.format("%08d", sequence) + PREPARED_SUFFIX);
    }

    /** A retired segment waiting for its readers before it is recycled (never read; deleted on open). */
    public static Path retiredFile(Path dir, long sequence) {
        return dir.resolve(PREPARED_PREFIX + String.format("%08d", sequence) + RETIRED_SUFFIX);
    }

    public static Path preparingFile(Path dir, long sequence) {
        return dir.resolve(PREPARED_PREFIX + String.format("%08d", sequence) + PREPARING_SUFFIX);
    }

    /** The base offset of a segment file name such as {@code 00000000000000000042.log}, or -1 if it is not one. */
    public static long parseLogFile(String fileName) {
        return parseBase(fileName, LOG_SUFFIX);
    }

    /** The sequence number of a prepared or preparing file name, or -1. */
    public static long parsePreparedSequence(String fileName) {
        if (!fileName.startsWith(PREPARED_PREFIX)) {
            return -1;
        }
        int dot = fileName.indexOf('.');
        try {
            return dot < 0 ? -1 : Long.parseLong(fileName.substring(PREPARED_PREFIX.length(), dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseBase(String fileName, String suffix) {
        if (fileName.length() != DIGITS + suffix.length() || !fileName.endsWith(suffix)) {
            return -1;
        }
        for (int i = 0; i < DIGITS; i++) {
            if (!Character.isDigit(fileName.charAt(i))) {
                return -1;
            }
        }
        try {
            return Long.parseLong(fileName.substring(0, DIGITS));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
