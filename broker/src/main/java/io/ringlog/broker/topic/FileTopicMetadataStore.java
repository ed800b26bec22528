package io.ringlog.broker.topic;

import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Topic metadata as one properties file per topic in {@code <dataDir>/__ringlog_topics/<topic>.properties}
 * ({@code topic.id}, {@code partitions}, {@code config.<key>}). Each save writes a temporary file,
 * forces it, renames it over the old one and forces the directory, so a crash leaves either the old
 * or the new record, never a torn one. The directory name contains no '-' followed by digits, so it
 * can never be mistaken for a partition directory ({@link PartitionDirectories#parse}).
 *
 * <p>Thread-safety: thread-safe for distinct topics; the {@link TopicManager} serialises calls.
 */
public final class FileTopicMetadataStore implements TopicMetadataStore {
    static final String DIRECTORY = "__ringlog_topics";
    private static final String SUFFIX = ".properties";
    private static final String CONFIG_PREFIX = "config.";
    private static final Logger LOG = LoggerFactory.getLogger(FileTopicMetadataStore.class);

    private final Path dir;

    public FileTopicMetadataStore(Path dataDir) {
        this.dir = dataDir.resolve(DIRECTORY);
    }

    @Override
    public Map<String, TopicRecord> load() throws IOException {
        Map<String, TopicRecord> out = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                name = name.substring(0, name.length() - SUFFIX.length());
                if (!TopicNames.isValid(name)) {
                    LOG.warn("ignoring topic metadata file with an illegal topic name: {}", file);
                    continue;
                }
                out.put(name, read(name, file));
            }
        }
        return out;
    }

    private static TopicRecord read(String name, Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> configs = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(CONFIG_PREFIX)) {
                configs.put(key.substring(CONFIG_PREFIX.length()), p.getProperty(key));
            }
        }
        try {
            int partitions = Integer.parseInt(p.getProperty("partitions"));
            if (partitions < 1 || partitions > TopicManager.MAX_PARTITIONS) {
                throw new IllegalArgumentException("partitions " + partitions + " outside [1, " + TopicManager.MAX_PARTITIONS + "]");
            }
            return new TopicRecord(name, Uuid.fromString(p.getProperty("topic.id")), partitions, configs);
        } catch (RuntimeException e) {
            throw new IOException("malformed topic metadata file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(TopicRecord topic) throws IOException {
        TopicNames.validate(topic.name());
        Files.createDirectories(dir);
        Map<String, String> entries = new TreeMap<>();
        entries.put("topic.id", topic.id().toString());
        entries.put("partitions", Integer.toString(topic.partitions()));
        topic.configs().forEach((k, v) -> entries.put(CONFIG_PREFIX + k, v));
        Properties p = new Properties();
        p.putAll(entries);
        StringWriter text = new StringWriter();
        p.store(text, "ringlog topic metadata");
        Path target = dir.resolve(topic.name() + SUFFIX);
        Path tmp = dir.resolve(topic.name() + SUFFIX + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
    }

    @Override
    public void delete(String topic) throws IOException {
        TopicNames.validate(topic);
        if (Files.deleteIfExists(dir.resolve(topic + SUFFIX))) {
            forceDirectory();
        }
    }

    /** fsync of the directory makes the rename or unlink itself durable (Linux; a no-op elsewhere). */
    private void forceDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            if (System.getProperty("os.name", "").toLowerCase().contains("linux")) {
                throw e;
            }
        }
    }
}
