package io.ringlog.io.nativeio;

/**
 * Flag values from Linux uapi headers for x86-64 and arm64 (asm-generic values; O_DIRECT differs on
 * some other architectures, which ringlog does not support).
 *
 * <p>Thread-safety: constants only.
 */
public final class LinuxFlags {
    // include/uapi/asm-generic/fcntl.h
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_DSYNC = 010000;
    public static final int O_DIRECT = 040000; // x86-64 and asm-generic; arm64 uses 0200000
    public static final int O_DIRECTORY = 0200000;
    public static final int O_CLOEXEC = 02000000;

    // include/uapi/linux/fs.h: per-call flags of pwritev2/preadv2 and io_uring rw_flags
    public static final int RWF_HIPRI = 0x1;
    public static final int RWF_DSYNC = 0x2;
    public static final int RWF_SYNC = 0x4;
    public static final int RWF_NOWAIT = 0x8;

    // include/uapi/asm-generic/mman-common.h
    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_POPULATE = 0x008000;

    // include/uapi/linux/falloc.h
    public static final int FALLOC_FL_KEEP_SIZE = 0x01;
    public static final int FALLOC_FL_ZERO_RANGE = 0x10;

    private LinuxFlags() {
    }

    /** O_DIRECT for the running architecture. */
    public static int oDirect() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("aarch64") || arch.equals("arm64") ? 0200000 : O_DIRECT;
    }

    /** O_DIRECTORY for the running architecture (arm64 swaps it with O_DIRECT). */
    public static int oDirectory() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("aarch64") || arch.equals("arm64") ? 040000 : O_DIRECTORY;
    }
}
