package io.ringlog.io;

import java.nio.file.Path;

/**
 * What the capability probe found out about one directory's storage. Values the probe could not
 * determine are {@link #UNKNOWN} (strings) or 0 (sizes), e.g. the device of a tmpfs or overlay mount.
 *
 * @param directory        the probed directory (absolute, normalized)
 * @param fsType           file system type from /proc/self/mountinfo, e.g. {@code "ext4"}, {@code "tmpfs"}
 * @param deviceId         the directory's st_dev as {@code "major:minor"}
 * @param deviceName       the whole disk behind it (a partition resolved to its parent), e.g. {@code "vda"}
 * @param fua              {@code /sys/block/<dev>/queue/fua}: {@code "1"} when the device honours FUA writes
 * @param writeCache       {@code /sys/block/<dev>/queue/write_cache}: {@code "write back"} = volatile cache
 * @param logicalBlockSize {@code /sys/block/<dev>/queue/logical_block_size}, 0 when unknown
 * @param dioOffsetAlign   statx STATX_DIOALIGN offset alignment of a file in the directory, 0 when unknown
 * @param directIo         true when the O_DIRECT write paths can be used in this directory
 * @param directIoCause    why not, or null when {@code directIo}
 *
 * <p>Thread-safety: immutable.
 */
public record StorageInfo(Path directory, String fsType, String deviceId, String deviceName, String fua,
                          String writeCache, int logicalBlockSize, int dioOffsetAlign, boolean directIo,
                          String directIoCause) {

    /** The value of a property the probe could not determine. */
    public static final String UNKNOWN = "unknown";

    /** A short description such as {@code "ext4 on vda (254:0), fua=0, write_cache=write back"}. */
    public String describe() {
        return fsType + " on " + deviceName + " (" + deviceId + "), fua=" + fua + ", write_cache=" + writeCache;
    }
}
