package io.ringlog.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Suite 3, disk full from the kernel (not injected): a child JVM lowers its RLIMIT_FSIZE so writes fail
 * with EFBIG, which hits both the append path and the segment preparer (which writes outside the
 * backend, so the decorator cannot inject there). See {@link DiskFullChild} for the checks.
 */
class RealDiskFullTest {
    @TempDir
    Path dir;

    @Test
    void realDiskFullOnAnAppendAndWhilePreparingFailsTypedAndResumesWhenSpaceReturns() throws Exception {
        Process child = ChildJvm.builder(DiskFullChild.class, dir.toString(), "pwrite_dsync")
            .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child finished");
        System.out.println(output);
        assertEquals(0, child.exitValue(), "disk-full child failed:\n" + output);
    }
}
