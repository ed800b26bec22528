package io.ringlog.io;

import io.ringlog.io.nativeio.Libc;
import io.ringlog.io.nativeio.LibcSystem;
import io.ringlog.io.nativeio.LinuxFlags;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Probes one directory: file system type, backing device and its queue settings, and whether O_DIRECT
 * writes work there (by opening a scratch file with O_DIRECT and writing one 4 KiB block).
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
final class StorageProbe {
    /**
     * RAM file systems. Before Linux 6.6 tmpfs rejects O_DIRECT with EINVAL; since 6.6 ("shmem: trivial
     * support for direct IO") it accepts it and serves it from the page cache, so it is neither direct
     * nor more durable. Either way the portable path is the right one there; measured on 6.18: the open
     * and a 4 KiB O_DIRECT write on /dev/shm succeed.
     */
    private static final Set<String> RAM_FILE_SYSTEMS = Set.of("tmpfs", "ramfs", "hugetlbfs");
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private StorageProbe() {
    }

    static StorageInfo probe(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        LibcSystem.StatxInfo st = LibcSystem.statx(dir.toString());
        String deviceId = st.devMajor() + ":" + st.devMinor();
        String fsType = fileSystemType(deviceId, dir);
        Path disk = diskOf(deviceId);
        String deviceName = disk == null ? StorageInfo.UNKNOWN : disk.getFileName().toString();
        String fua = disk == null ? StorageInfo.UNKNOWN : readSys(disk.resolve("queue/fua"));
        String writeCache = disk == null ? StorageInfo.UNKNOWN : readSys(disk.resolve("queue/write_cache"));
        int logical = disk == null ? 0 : parseInt(readSys(disk.resolve("queue/logical_block_size")));
        DirectProbe direct = probeDirectIo(dir, fsType);
        return new StorageInfo(dir, fsType, deviceId, deviceName, fua, writeCache, logical, direct.dioOffsetAlign,
            direct.cause == null, direct.cause);
    }

    private record DirectProbe(String cause, int dioOffsetAlign) {
    }

    /** Opens a scratch file with O_DIRECT and writes one aligned block; returns the cause of failure or null. */
    private static DirectProbe probeDirectIo(Path dir, String fsType) {
        Path scratch = dir.resolve(".ringlog-probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        String name = scratch.toString();
        int flags = LinuxFlags.O_RDWR | LinuxFlags.O_CREAT | LinuxFlags.O_EXCL | LinuxFlags.O_CLOEXEC
            | LinuxFlags.oDirect();
        int fd = -1;
        try (Arena arena = Arena.ofConfined()) {
            fd = Libc.open(arena.allocateFrom(name), flags, 0600);
            if (fd < 0) {
                return new DirectProbe("open(O_DIRECT) in " + dir + " (" + fsType + ") failed: "
                    + Errno.name(Libc.lastErrno()), 0);
            }
            MemorySegment block = arena.allocate(Alignment.BLOCK, Alignment.BLOCK);
            if (Libc.pwrite(fd, block, Alignment.BLOCK, 0) != Alignment.BLOCK) {
                return new DirectProbe("4 KiB O_DIRECT write in " + dir + " (" + fsType + ") failed: "
                    + Errno.name(Libc.lastErrno()), 0);
            }
            int align = 0;
            try {
                LibcSystem.StatxInfo st = LibcSystem.statx(name);
                align = st.hasDioAlign() ? st.dioOffsetAlign() : 0;
            } catch (NativeIoException e) {
                align = 0; // alignment is informational; the write above already proved O_DIRECT works
            }
            if (RAM_FILE_SYSTEMS.contains(fsType)) {
                return new DirectProbe(fsType + " is RAM-backed: O_DIRECT is accepted (Linux >= 6.6) but only"
                    + " copies through the page cache, so the direct-I/O paths are off here", align);
            }
            return new DirectProbe(null, align);
        } finally {
            if (fd >= 0) {
                Libc.close(fd);
            }
            try {
                Files.deleteIfExists(scratch);
            } catch (IOException ignored) {
                // a leftover 4 KiB dot-file is harmless; the probe result stands
            }
        }
    }

    /** The file system type of the mount whose device is {@code deviceId}, from /proc/self/mountinfo. */
    private static String fileSystemType(String deviceId, Path dir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(MOUNTINFO);
        } catch (IOException e) {
            return StorageInfo.UNKNOWN;
        }
        // Fields: id parent major:minor root mountpoint options [optional...] - fstype source superoptions.
        // Several mounts can share a device (bind mounts): prefer the longest mount point containing dir.
        String best = StorageInfo.UNKNOWN;
        int bestLength = -1;
        for (String line : lines) {
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 5 || dash < 0 || dash + 1 >= f.length || !f[2].equals(deviceId)) {
                continue;
            }
            String mountPoint = f[4].replace("\\040", " ");
            int length = dir.startsWith(mountPoint) ? mountPoint.length() : 0;
            if (length > bestLength) {
                best = f[dash + 1];
                bestLength = length;
            }
        }
        return best;
    }

    /** The sysfs directory of the whole disk behind {@code deviceId}, or null (tmpfs, overlay, ...). */
    private static Path diskOf(String deviceId) {
        Path link = Path.of("/sys/dev/block", deviceId);
        try {
            if (!Files.exists(link)) {
                return null;
            }
            Path real = link.toRealPath();
            // A partition (e.g. nvme0n1p2) has a "partition" file; its queue settings are the parent's.
            Path disk = Files.exists(real.resolve("partition")) ? real.getParent() : real;
            return Files.isDirectory(disk.resolve("queue")) ? disk : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String readSys(Path file) {
        try {
            return Files.readString(file).trim().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return StorageInfo.UNKNOWN;
        }
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
