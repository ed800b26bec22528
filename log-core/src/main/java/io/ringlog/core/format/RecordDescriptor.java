package io.ringlog.core.format;

/**
 * Layout of one record inside an uncompressed RecordBatch v2. Fields marked varint/varlong use
 * zigzag-encoded base-128 varints (protobuf style, see {@link Varints}); a length of -1 means null.
 *
 * <pre>
 *  +----------------------------+
 *  | length          varint     |  bytes of the record after this field
 *  | attributes      int8       |  unused, 0
 *  | timestampDelta  varlong    |  timestamp - batch baseTimestamp
 *  | offsetDelta     varint     |  offset - batch baseOffset
 *  | keyLength       varint     |  -1 = null key
 *  | key             bytes      |
 *  | valueLength     varint     |  -1 = null value
 *  | value           bytes      |
 *  | headerCount     varint     |
 *  | headers[]:                 |
 *  |   keyLength     varint     |  header key is UTF-8, never null
 *  |   key           bytes      |
 *  |   valueLength   varint     |  -1 = null value
 *  |   value         bytes      |
 *  +----------------------------+
 * </pre>
 *
 * <p>In a compressed batch the sequence of records is compressed as a whole after the 61-byte header;
 * ringlog stores and validates such batches without decompressing them.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
public final class RecordDescriptor {
    /** The record attributes byte Kafka writes (no record-level attributes are defined). */
    public static final byte ATTRIBUTES = 0;
    /** Length value meaning "null". */
    public static final int NULL_LENGTH = -1;

    private RecordDescriptor() {
    }

    /** Bytes a byte field of {@code length} (or null when negative) takes: its varint length plus data. */
    public static int fieldSize(int length) {
        return length < 0 ? Varints.sizeOfVarint(NULL_LENGTH) : Varints.sizeOfVarint(length) + length;
    }

    /** Size of the record body (after its length varint). */
    public static int bodySize(long timestampDelta, int offsetDelta, int keyLength, int valueLength, int headersSize) {
        return 1 + Varints.sizeOfVarlong(timestampDelta) + Varints.sizeOfVarint(offsetDelta)
            + fieldSize(keyLength) + fieldSize(valueLength) + headersSize;
    }

    /** Total size of a record whose body is {@code bodySize} bytes. */
    public static int recordSize(int bodySize) {
        return Varints.sizeOfVarint(bodySize) + bodySize;
    }
}
