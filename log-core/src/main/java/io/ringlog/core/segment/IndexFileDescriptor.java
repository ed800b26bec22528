package io.ringlog.core.segment;

/**
 * Layouts of the two sparse index files, the same as Kafka's: fixed-size big-endian entries, no
 * header, file length = entries x entry size. Offsets are relative to the segment's base offset.
 * The files are derived data, written when a segment is sealed and at clean shutdown, and verified
 * (monotonic, in range, last entry pointing at a valid batch) before they are trusted on open.
 *
 * <pre>
 *  .index entry (8 bytes)                  .timeindex entry (12 bytes)
 *  +-------------------------------+       +-------------------------------+
 *  | relativeOffset (i32)          |  0    | timestamp (i64, epoch ms)     |  0
 *  +-------------------------------+       |                               |
 *  | position (i32, byte in .log)  |  4    +-------------------------------+
 *  +-------------------------------+       | relativeOffset (i32)          |  8
 *                                          +-------------------------------+
 * </pre>
 *
 * <p>An offset entry (r, p) says: the batch with base offset {@code base + r} starts at byte p. A time
 * entry (t, r) says: t is the largest batch max-timestamp seen in the segment up to and including the
 * batch with base offset {@code base + r}; entries are strictly increasing in both fields.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class IndexFileDescriptor {
    public static final int OFFSET_ENTRY_SIZE = 8;
    public static final int OFFSET_ENTRY_RELATIVE_OFFSET = 0;
    public static final int OFFSET_ENTRY_POSITION = 4;

    public static final int TIME_ENTRY_SIZE = 12;
    public static final int TIME_ENTRY_TIMESTAMP = 0;
    public static final int TIME_ENTRY_RELATIVE_OFFSET = 8;

    private IndexFileDescriptor() {
    }
}
