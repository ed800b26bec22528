package io.ringlog.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class MachineFactsTest {

    @Test
    void shouldParseAMountinfoLine() {
        MachineFacts.Mount m = MachineFacts.parse(
            "27 1 254:0 / /data\\040dir rw,relatime shared:1 - ext4 /dev/vda rw,discard");

        assertEquals(new MachineFacts.Mount("/data dir", "254:0", "ext4", "/dev/vda"), m);
    }

    @Test
    void probeShouldAlwaysNameKernelAndFileSystem(@TempDir Path dir) {
        MachineFacts facts = MachineFacts.probe(dir);

        assertEquals(System.getProperty("os.version"), facts.kernel());
        assertNotNull(facts.filesystem());
        assertNotNull(facts.device());
    }
}
