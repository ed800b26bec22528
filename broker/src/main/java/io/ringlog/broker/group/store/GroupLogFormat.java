package io.ringlog.broker.group.store;

/**
 * Layout of the records of the consumer-group log ({@code <dataDir>/__ringlog_groups}): the key and
 * value bytes of log-core records (Kafka RecordBatch v2, so log-core's CRC-32C covers them). All
 * integers are big-endian; a string is an i32 byte length followed by that many UTF-8 bytes, length -1
 * meaning null (only where a field says "nullable"); a byte array is the same with raw bytes.
 *
 * <pre>
 * key (every record):
 *  +-----------------+---------------+-------------------------------------+
 *  | keyVersion u8=1 | type u8       | groupId (string)                    |
 *  +-----------------+---------------+-------------------------------------+
 *    0                 1               2
 *  type 1 OFFSET only, after groupId:  | topic (string) | partition (i32) |
 *
 *  type 1 OFFSET        value = offset value below, or null (tombstone: offset deleted)
 *  type 2 GROUP         value = group value below (never null)
 *  type 3 GROUP_DELETED value = null: the group's metadata and all its offsets are gone
 *
 * offset value:
 *  +------------------+-------------+------------------+---------------------+------------------+
 *  | valueVersion u8=1| offset i64  | leaderEpoch i32  | commitTimestamp i64 | metadata (string)|
 *  +------------------+-------------+------------------+---------------------+------------------+
 *    0                  1             9                  13                    21
 *
 * group value:
 *  +------------------+------------------+-----------------+-------------------------+
 *  | valueVersion u8=1| generationId i32 | timestamp i64   | protocolType (string)   |
 *  +------------------+------------------+-----------------+-------------------------+
 *    0                  1                  5                 13
 *  | protocolName (nullable string) | leaderId (nullable string) | memberCount i32 | members ... |
 *
 * member (memberCount times):
 *  | memberId (string) | groupInstanceId (nullable string) | clientId (string) | clientHost (string) |
 *  | rebalanceTimeoutMs i32 | sessionTimeoutMs i32 | subscription (bytes) | assignment (bytes) |
 * </pre>
 *
 * <p>Decoding is strict: unknown versions or types, lengths that overrun the field, a null where none
 * is allowed and trailing bytes are all errors. Every change of layout takes a new version number.
 *
 * <p>Thread-safety: stateless constants, safe from any thread.
 */
public final class GroupLogFormat {
    /** Version of the key layout, first byte of every key. */
    public static final byte KEY_VERSION = 1;
    /** Version of both value layouts, first byte of every non-null value. */
    public static final byte VALUE_VERSION = 1;

    public static final int KEY_VERSION_OFFSET = 0;
    public static final int KEY_TYPE_OFFSET = 1;
    public static final int KEY_GROUP_ID_OFFSET = 2;

    /** Key type: one committed offset of one group for one partition. */
    public static final byte TYPE_OFFSET = 1;
    /** Key type: the metadata of one group's current generation. */
    public static final byte TYPE_GROUP = 2;
    /** Key type: the whole group was deleted (metadata and offsets). */
    public static final byte TYPE_GROUP_DELETED = 3;

    public static final int VALUE_VERSION_OFFSET = 0;

    public static final int OFFSET_VALUE_OFFSET_OFFSET = 1;
    public static final int OFFSET_VALUE_LEADER_EPOCH_OFFSET = 9;
    public static final int OFFSET_VALUE_COMMIT_TIMESTAMP_OFFSET = 13;
    public static final int OFFSET_VALUE_METADATA_OFFSET = 21;

    public static final int GROUP_VALUE_GENERATION_OFFSET = 1;
    public static final int GROUP_VALUE_TIMESTAMP_OFFSET = 5;
    public static final int GROUP_VALUE_PROTOCOL_TYPE_OFFSET = 13;

    /** Bytes of a string's or byte array's length prefix. */
    public static final int LENGTH_PREFIX_BYTES = 4;
    /** Length prefix of a null string. */
    public static final int NULL_LENGTH = -1;
    /** Smallest encoded member: four length prefixes of strings, two i32 timeouts, two array prefixes. */
    public static final int MIN_MEMBER_BYTES = 4 * LENGTH_PREFIX_BYTES + 2 * 4 + 2 * LENGTH_PREFIX_BYTES;

    private GroupLogFormat() {
    }

    /** A name for a key type, for messages. */
    public static String typeName(int type) {
        return switch (type) {
            case TYPE_OFFSET -> "OFFSET";
            case TYPE_GROUP -> "GROUP";
            case TYPE_GROUP_DELETED -> "GROUP_DELETED";
            default -> "unknown type " + type;
        };
    }
}
