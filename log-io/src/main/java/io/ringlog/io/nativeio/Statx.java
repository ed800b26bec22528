package io.ringlog.io.nativeio;

/**
 * Layout of {@code struct statx} (include/uapi/linux/stat.h), the same on every architecture, which is
 * why ringlog uses statx rather than {@code struct stat} (whose layout differs between x86-64 and
 * arm64).
 *
 * <pre>
 *   0 u32 stx_mask            4 u32 stx_blksize        8 u64 stx_attributes
 *  16 u32 stx_nlink          20 u32 stx_uid           24 u32 stx_gid         28 u16 stx_mode
 *  32 u64 stx_ino            40 u64 stx_size          48 u64 stx_blocks      56 u64 stx_attributes_mask
 *  64 stx_atime/btime/ctime/mtime (4 x 16 bytes)
 * 128 u32 stx_rdev_major    132 u32 stx_rdev_minor   136 u32 stx_dev_major  140 u32 stx_dev_minor
 * 144 u64 stx_mnt_id        152 u32 stx_dio_mem_align 156 u32 stx_dio_offset_align
 * ... up to 256 bytes
 * </pre>
 *
 * <p>Thread-safety: constants only.
 */
public final class Statx {
    /** sizeof(struct statx). */
    public static final int SIZE = 256;

    public static final int MASK_OFFSET = 0;
    public static final int BLKSIZE_OFFSET = 4;
    public static final int SIZE_FIELD_OFFSET = 40;
    public static final int DEV_MAJOR_OFFSET = 136;
    public static final int DEV_MINOR_OFFSET = 140;
    public static final int DIO_MEM_ALIGN_OFFSET = 152;
    public static final int DIO_OFFSET_ALIGN_OFFSET = 156;

    /** STATX_BASIC_STATS: type, mode, nlink, uid, gid, times, ino, size, blocks. */
    public static final int STATX_BASIC_STATS = 0x7ff;
    /** STATX_DIOALIGN (Linux 6.1): stx_dio_mem_align and stx_dio_offset_align are filled for files. */
    public static final int STATX_DIOALIGN = 0x2000;

    /** AT_FDCWD: resolve a relative path against the working directory. */
    public static final int AT_FDCWD = -100;
    /** AT_EMPTY_PATH: with an empty path, describe the fd itself. */
    public static final int AT_EMPTY_PATH = 0x1000;

    private Statx() {
    }
}
