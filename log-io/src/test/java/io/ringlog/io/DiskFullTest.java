package io.ringlog.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * "No space" must surface as {@link DiskFullException} on every backend. A full disk is simulated with
 * RLIMIT_FSIZE in a child JVM ({@link DiskFullChild}): no root, no mount, no loop device, and the limit
 * cannot touch the test JVM's own files (surefire reports). The kernel answers EFBIG, which ringlog
 * maps to DiskFullException together with ENOSPC and EDQUOT; the errno-to-type mapping is the same code
 * path, and EFBIG additionally exercises the short-write continuation (half of the 8 KiB write fits).
 * A true ENOSPC needs a small file system (tmpfs size=... or a loop image), i.e. mount(2) and root.
 */
class DiskFullTest {
    @TempDir
    Path dir;

    @Test
    void fileSizeLimitShouldSurfaceAsDiskFullOnEveryBackend() throws Exception {
        StorageInfo s = IoCapabilities.of(dir).storage();
        assumeTrue(s.directIo(), () -> "needs O_DIRECT in " + dir + ": " + s.directIoCause());
        List<String> cmd = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED", "-cp", classPath(), DiskFullChild.class.getName(), dir.toString()));
        List<String> kinds = List.of("pwrite_dsync", "filechannel_dsync_direct", "filechannel_force");
        cmd.addAll(kinds);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "child JVM output:\n" + out);
        for (String k : kinds) {
            assertTrue(out.contains(k + ": DiskFullException errno=EFBIG"), out);
        }
        // the pwritev2 path reports the range that did not fit: the second 4 KiB block
        assertTrue(out.contains("call=pwritev2(RWF_DSYNC) offset=" + DiskFullChild.LIMIT + " length=4096"), out);
    }

    /** The test class path; surefire's manifest-only booter jar also works as a class path entry. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String cp = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        return String.join(File.pathSeparator, cp.split(File.pathSeparator));
    }
}
