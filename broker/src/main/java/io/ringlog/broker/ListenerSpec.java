package io.ringlog.broker;

import java.net.InetSocketAddress;

/**
 * Parses a Kafka listener: {@code PLAINTEXT://host:port} or plain {@code host:port}; only the first
 * of a comma-separated list is used and only PLAINTEXT is supported.
 *
 * <p>Thread-safety: stateless.
 */
final class ListenerSpec {
    private ListenerSpec() {
    }

    static InetSocketAddress parse(String key, String spec) {
        String first = spec.split(",")[0].trim();
        int scheme = first.indexOf("://");
        if (scheme >= 0) {
            String protocol = first.substring(0, scheme);
            if (!protocol.equalsIgnoreCase("PLAINTEXT")) {
                throw new ConfigException(key + ": only PLAINTEXT listeners are supported, got " + protocol);
            }
            first = first.substring(scheme + 3);
        }
        int colon = first.lastIndexOf(':');
        if (colon < 0) {
            throw new ConfigException(key + ": expected host:port, got '" + spec + "'");
        }
        String host = first.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(first.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new ConfigException(key + ": port out of range in '" + spec + "'");
            }
            return InetSocketAddress.createUnresolved(host.isEmpty() ? "0.0.0.0" : host, port);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": bad port in '" + spec + "'", e);
        }
    }
}
