package io.ringlog.core.format;

/**
 * The verdict of {@link BatchValidator} on the bytes at one position.
 *
 * <p>Thread-safety: immutable.
 */
public enum BatchStatus {
    /** A complete batch with a valid length, magic 2 and a matching CRC-32C. */
    OK("valid"),
    /** Fewer than 61 bytes remain: a torn or missing header. */
    TRUNCATED_HEADER("fewer bytes than a batch header"),
    /** The header is whole but the batch extends past the available bytes. */
    TRUNCATED_BATCH("batch extends past the available bytes"),
    /** batchLength is below the header size or above the maximum (zero-filled space lands here). */
    BAD_LENGTH("batch length out of range"),
    /** The magic byte is not 2. */
    BAD_MAGIC("magic byte is not 2"),
    /** lastOffsetDelta is negative or recordCount is negative. */
    BAD_OFFSETS("negative lastOffsetDelta or record count"),
    /** The stored CRC-32C does not match the bytes from attributes to the end. */
    BAD_CRC("CRC-32C mismatch");

    private final String description;

    BatchStatus(String description) {
        this.description = description;
    }

    /** A short human-readable description. */
    public String description() {
        return description;
    }
}
