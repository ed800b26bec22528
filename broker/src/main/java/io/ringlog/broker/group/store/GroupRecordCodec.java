package io.ringlog.broker.group.store;

import io.ringlog.broker.group.CommittedOffset;
import io.ringlog.broker.group.GroupSnapshot;
import io.ringlog.broker.group.GroupStoreException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.ringlog.broker.group.store.GroupLogFormat.TYPE_GROUP;
import static io.ringlog.broker.group.store.GroupLogFormat.TYPE_GROUP_DELETED;
import static io.ringlog.broker.group.store.GroupLogFormat.TYPE_OFFSET;

/**
 * Encodes {@link GroupRecord}s to key and value bytes and decodes them back, in the layouts of
 * {@link GroupLogFormat}. Decoding is length-checked and strict; a record that does not decode is a
 * {@link GroupStoreException} naming its log offset.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
final class GroupRecordCodec {
    private GroupRecordCodec() {
    }

    // ------------------------------------------------------------------ encoding

    static EncodedRecord encode(GroupRecord record) {
        return switch (record) {
            case GroupRecord.OffsetCommit c -> new EncodedRecord(offsetKey(c.groupId(), c.offset().topic(),
                c.offset().partition()), offsetValue(c.offset()));
            case GroupRecord.OffsetDeleted d -> new EncodedRecord(offsetKey(d.groupId(), d.topic(), d.partition()), null);
            case GroupRecord.GroupStored g -> new EncodedRecord(groupKey(TYPE_GROUP, g.groupId()), groupValue(g.snapshot()));
            case GroupRecord.GroupDeleted g -> new EncodedRecord(groupKey(TYPE_GROUP_DELETED, g.groupId()), null);
        };
    }

    private static byte[] offsetKey(String groupId, String topic, int partition) {
        return write(out -> {
            keyHeader(out, TYPE_OFFSET, groupId);
            writeString(out, topic);
            out.writeInt(partition);
        });
    }

    private static byte[] groupKey(byte type, String groupId) {
        return write(out -> keyHeader(out, type, groupId));
    }

    private static void keyHeader(DataOutputStream out, byte type, String groupId) throws IOException {
        out.writeByte(GroupLogFormat.KEY_VERSION);
        out.writeByte(type);
        writeString(out, groupId);
    }

    private static byte[] offsetValue(CommittedOffset c) {
        return write(out -> {
            out.writeByte(GroupLogFormat.VALUE_VERSION);
            out.writeLong(c.offset());
            out.writeInt(c.leaderEpoch());
            out.writeLong(c.commitTimestampMs());
            writeString(out, c.metadata());
        });
    }

    private static byte[] groupValue(GroupSnapshot g) {
        return write(out -> {
            out.writeByte(GroupLogFormat.VALUE_VERSION);
            out.writeInt(g.generationId());
            out.writeLong(g.timestampMs());
            writeString(out, g.protocolType());
            writeString(out, g.protocolName());
            writeString(out, g.leaderId());
            out.writeInt(g.members().size());
            for (GroupSnapshot.Member m : g.members()) {
                writeString(out, m.memberId());
                writeString(out, m.groupInstanceId());
                writeString(out, m.clientId());
                writeString(out, m.clientHost());
                out.writeInt(m.rebalanceTimeoutMs());
                out.writeInt(m.sessionTimeoutMs());
                writeBytes(out, m.subscription());
                writeBytes(out, m.assignment());
            }
        });
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(GroupLogFormat.NULL_LENGTH);
        } else {
            out.writeInt(b.length);
            out.write(b);
        }
    }

    private interface Fields {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            fields.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Decodes the record at {@code logOffset}.
     *
     * @param key   the record's key (null is an error)
     * @param value the record's value, null for a tombstone
     * @throws GroupStoreException when the bytes are not a record of this format
     */
    static GroupRecord decode(ByteBuffer key, ByteBuffer value, long logOffset) throws GroupStoreException {
        if (key == null) {
            throw new GroupStoreException("record at offset " + logOffset + ": null key");
        }
        FieldReader k = new FieldReader(key, logOffset, "key");
        byte version = k.readByte("keyVersion");
        if (version != GroupLogFormat.KEY_VERSION) {
            throw k.malformed("unknown key version " + version + " (this broker reads version " + GroupLogFormat.KEY_VERSION + ")");
        }
        byte type = k.readByte("type");
        String groupId = k.readString("groupId");
        return switch (type) {
            case TYPE_OFFSET -> decodeOffset(k, groupId, value, logOffset);
            case TYPE_GROUP -> {
                k.expectEnd();
                yield new GroupRecord.GroupStored(decodeGroup(groupId, requireValue(value, logOffset, type), logOffset));
            }
            case TYPE_GROUP_DELETED -> {
                k.expectEnd();
                if (value != null) {
                    throw new GroupStoreException("record at offset " + logOffset + ": GROUP_DELETED with a value");
                }
                yield new GroupRecord.GroupDeleted(groupId);
            }
            default -> throw k.malformed("unknown record type " + type);
        };
    }

    private static GroupRecord decodeOffset(FieldReader k, String groupId, ByteBuffer value, long logOffset)
        throws GroupStoreException {
        String topic = k.readString("topic");
        int partition = k.readInt("partition");
        k.expectEnd();
        if (partition < 0) {
            throw k.malformed("negative partition " + partition);
        }
        if (value == null) {
            return new GroupRecord.OffsetDeleted(groupId, topic, partition);
        }
        FieldReader v = valueReader(value, logOffset);
        long offset = v.readLong("offset");
        int leaderEpoch = v.readInt("leaderEpoch");
        long timestamp = v.readLong("commitTimestamp");
        String metadata = v.readString("metadata");
        v.expectEnd();
        if (offset < 0) {
            throw v.malformed("negative offset " + offset);
        }
        return new GroupRecord.OffsetCommit(groupId, new CommittedOffset(topic, partition, offset, leaderEpoch, metadata, timestamp));
    }

    private static GroupSnapshot decodeGroup(String groupId, ByteBuffer value, long logOffset) throws GroupStoreException {
        FieldReader v = valueReader(value, logOffset);
        int generation = v.readInt("generationId");
        long timestamp = v.readLong("timestamp");
        String protocolType = v.readString("protocolType");
        String protocolName = v.readNullableString("protocolName");
        String leaderId = v.readNullableString("leaderId");
        int count = v.readInt("memberCount");
        if (count < 0 || (long) count * GroupLogFormat.MIN_MEMBER_BYTES > v.remaining()) {
            throw v.malformed("memberCount " + count + " does not fit in the " + v.remaining() + " bytes left");
        }
        List<GroupSnapshot.Member> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(new GroupSnapshot.Member(v.readString("memberId"), v.readNullableString("groupInstanceId"),
                v.readString("clientId"), v.readString("clientHost"), v.readInt("rebalanceTimeoutMs"),
                v.readInt("sessionTimeoutMs"), v.readBytes("subscription"), v.readBytes("assignment")));
        }
        v.expectEnd();
        return new GroupSnapshot(groupId, protocolType, generation, protocolName, leaderId, members, timestamp);
    }

    private static FieldReader valueReader(ByteBuffer value, long logOffset) throws GroupStoreException {
        FieldReader v = new FieldReader(value, logOffset, "value");
        byte version = v.readByte("valueVersion");
        if (version != GroupLogFormat.VALUE_VERSION) {
            throw v.malformed("unknown value version " + version + " (this broker reads version "
                + GroupLogFormat.VALUE_VERSION + ")");
        }
        return v;
    }

    private static ByteBuffer requireValue(ByteBuffer value, long logOffset, byte type) throws GroupStoreException {
        if (value == null) {
            throw new GroupStoreException("record at offset " + logOffset + ": " + GroupLogFormat.typeName(type)
                + " without a value");
        }
        return value;
    }
}
