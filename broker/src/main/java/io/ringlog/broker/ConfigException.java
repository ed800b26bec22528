package io.ringlog.broker;

/**
 * A broker or topic setting is malformed or out of range; the message names the key and value.
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
