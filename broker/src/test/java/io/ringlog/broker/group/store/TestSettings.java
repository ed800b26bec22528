package io.ringlog.broker.group.store;

/** Group log settings for tests: the write path from {@code -Dringlog.test.groupWritePath} (default auto). */
final class TestSettings {
    static final String WRITE_PATH = System.getProperty("ringlog.test.groupWritePath", "auto");

    /** 64 KiB segments, 16 KiB writes, compaction only past 1 GiB (never, in these tests). */
    static final GroupLogSettings SMALL = GroupLogSettings.DEFAULTS.withWritePath(WRITE_PATH)
        .withSizes(64 * 1024, 16 * 1024, 1L << 30);

    /** 16 KiB segments (log-core's minimum), 8 KiB writes, compaction from 32 KiB. */
    static final GroupLogSettings COMPACTING = GroupLogSettings.DEFAULTS.withWritePath(WRITE_PATH)
        .withSizes(16 * 1024, 8 * 1024, 32 * 1024);

    private TestSettings() {
    }
}
