package io.ringlog.broker.group.store;

import io.ringlog.broker.group.GroupStoreException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Length-checked reading of the fields of one key or value of the group log ({@link GroupLogFormat}):
 * every read checks that the bytes are there, every length prefix is checked against what is left, and
 * a failure is a {@link GroupStoreException} naming the log offset of the record and the field.
 *
 * <p>Thread-safety: not thread-safe (one reader per decoded buffer).
 */
final class FieldReader {
    private final ByteBuffer buffer;
    private final long logOffset;
    private final String part;

    /** Reads {@code buffer} from its position to its limit (the caller's buffer is not moved). */
    FieldReader(ByteBuffer buffer, long logOffset, String part) {
        this.buffer = buffer.slice();
        this.logOffset = logOffset;
        this.part = part;
    }

    byte readByte(String field) throws GroupStoreException {
        need(1, field);
        return buffer.get();
    }

    int readInt(String field) throws GroupStoreException {
        need(4, field);
        return buffer.getInt();
    }

    long readLong(String field) throws GroupStoreException {
        need(8, field);
        return buffer.getLong();
    }

    /** A string that must not be null. */
    String readString(String field) throws GroupStoreException {
        String s = readNullableString(field);
        if (s == null) {
            throw malformed(field + " is null");
        }
        return s;
    }

    String readNullableString(String field) throws GroupStoreException {
        byte[] bytes = readNullableBytes(field);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** A byte array that must not be null. */
    byte[] readBytes(String field) throws GroupStoreException {
        byte[] bytes = readNullableBytes(field);
        if (bytes == null) {
            throw malformed(field + " is null");
        }
        return bytes;
    }

    private byte[] readNullableBytes(String field) throws GroupStoreException {
        int length = readInt(field + " length");
        if (length == GroupLogFormat.NULL_LENGTH) {
            return null;
        }
        if (length < 0) {
            throw malformed(field + " has length " + length);
        }
        need(length, field);
        byte[] out = new byte[length];
        buffer.get(out);
        return out;
    }

    /** Bytes not read yet. */
    int remaining() {
        return buffer.remaining();
    }

    /** Fails unless every byte was read. */
    void expectEnd() throws GroupStoreException {
        if (buffer.hasRemaining()) {
            throw malformed(buffer.remaining() + " trailing bytes");
        }
    }

    private void need(int bytes, String field) throws GroupStoreException {
        if (buffer.remaining() < bytes) {
            throw malformed(field + " needs " + bytes + " bytes at position " + buffer.position() + ", only "
                + buffer.remaining() + " left");
        }
    }

    /** An error for this record: "record at offset N: key: reason". */
    GroupStoreException malformed(String reason) {
        return new GroupStoreException("record at offset " + logOffset + ": " + part + ": " + reason);
    }
}
