package io.ringlog.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The facts a durable-latency figure depends on: kernel, file system type, block device and whether
 * that device has FUA and a volatile write cache ({@code /sys/block/<dev>/queue/fua},
 * {@code write_cache}). On this machine type (virtio, "write back", fua 0) every O_DSYNC write costs a
 * write plus a cache flush, which is why the sync pwritev2 path can beat io_uring on latency here.
 *
 * <p>Kept in one small class on purpose: log-io's IoCapabilities probe (another branch) will know the
 * same facts; when it lands, {@link #probe} can delegate to it without touching the report code.
 *
 * @param kernel     {@code uname -r} (os.version)
 * @param filesystem file system type of the mount holding the directory, e.g. "ext4"
 * @param device     block device name, e.g. "vda" (partition resolved to its disk), or the mount source
 * @param fua        1 / 0 from sysfs, or null when unknown (no block device, e.g. tmpfs)
 * @param writeCache "write back" / "write through", or null when unknown
 *
 * <p>Thread-safety: immutable; {@link #probe} is stateless.
 */
public record MachineFacts(String kernel, String filesystem, String device, Integer fua, String writeCache) {

    /** The facts for the file system holding {@code dir} (which must exist). */
    public static MachineFacts probe(Path dir) {
        String kernel = System.getProperty("os.version");
        Optional<Mount> mount = mountOf(dir);
        if (mount.isEmpty()) {
            return new MachineFacts(kernel, "unknown", "unknown", null, null);
        }
        Mount m = mount.get();
        Path sys = Path.of("/sys/dev/block", m.majorMinor());
        Path disk = diskOf(sys);
        if (disk == null) {
            return new MachineFacts(kernel, m.fsType(), m.source(), null, null);
        }
        String fua = read(disk.resolve("queue/fua"));
        Integer fuaValue = fua == null ? null : fua.equals("1") ? Integer.valueOf(1) : fua.equals("0") ? Integer.valueOf(0) : null;
        return new MachineFacts(kernel, m.fsType(), disk.getFileName().toString(), fuaValue,
            read(disk.resolve("queue/write_cache")));
    }

    /** One line of /proc/self/mountinfo, the parts we use. Thread-safety: immutable. */
    record Mount(String mountPoint, String majorMinor, String fsType, String source) {
    }

    /** The mount holding {@code dir}: the longest matching mount point, the last one listed on ties. */
    static Optional<Mount> mountOf(Path dir) {
        List<String> lines;
        Path real;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/mountinfo"));
            real = dir.toRealPath();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Mount best = null;
        for (String line : lines) {
            Mount m = parse(line);
            if (m != null && real.startsWith(m.mountPoint())
                && (best == null || m.mountPoint().length() >= best.mountPoint().length())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Parses "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue"
     * (proc(5)): field 3 major:minor, field 5 mount point, after the "-" separator fs type and source.
     */
    static Mount parse(String line) {
        String[] f = line.split(" ");
        int sep = List.of(f).indexOf("-");
        if (f.length < 5 || sep < 0 || sep + 2 >= f.length) {
            return null;
        }
        return new Mount(unescape(f[4]), f[2], f[sep + 1], unescape(f[sep + 2]));
    }

    /** mountinfo escapes space, tab, newline and backslash as octal, e.g. "\040". */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The sysfs directory of the whole disk for a block device directory; null when there is none. */
    private static Path diskOf(Path sysDev) {
        try {
            if (!Files.exists(sysDev)) {
                return null;
            }
            Path real = sysDev.toRealPath();
            // A partition (vda1) has a "partition" file and its disk as parent directory.
            Path disk = Files.exists(real.resolve("partition")) ? real.getParent() : real;
            return Files.isDirectory(disk.resolve("queue")) ? disk : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            return null;
        }
    }
}
