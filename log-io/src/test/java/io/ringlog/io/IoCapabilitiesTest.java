package io.ringlog.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@ExtendWith(LeakCheck.class)
class IoCapabilitiesTest {
    @TempDir
    Path dir;

    @Test
    void probeShouldDescribeTheDirectorysFileSystemAndDevice() throws Exception {
        StorageInfo s = IoCapabilities.of(dir).storage();
        assertEquals(dir.toAbsolutePath().normalize(), s.directory());
        assertTrue(s.deviceId().matches("\\d+:\\d+"), s.deviceId());
        assertNotEquals(StorageInfo.UNKNOWN, s.fsType(), "mountinfo lists every mounted device");
        if (!s.deviceName().equals(StorageInfo.UNKNOWN)) {
            assertTrue(s.fua().equals("0") || s.fua().equals("1"), s.fua());
            assertTrue(s.writeCache().startsWith("write"), s.writeCache());
            assertTrue(s.logicalBlockSize() >= 512, "logical block size " + s.logicalBlockSize());
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the O_DIRECT probe must remove its scratch file");
        }
    }

    @Test
    void directIoBackendsShouldBeAvailableWhereODirectWorks() throws Exception {
        IoCapabilities caps = IoCapabilities.of(dir);
        assumeTrue(caps.storage().directIo(), () -> "no O_DIRECT here: " + caps.storage().directIoCause());
        assertNull(caps.unavailabilityCause(BackendKind.PWRITE_DSYNC));
        assertTrue(caps.isAvailable(BackendKind.FILECHANNEL_DSYNC_DIRECT));
        assertTrue(caps.isAvailable(BackendKind.FILECHANNEL_FORCE));
    }

    @Test
    void tmpfsShouldMakeTheDirectIoBackendsUnavailableWithACause() throws Exception {
        assumeTrue(Files.isDirectory(TestFiles.SHM), "no /dev/shm on this machine");
        Path shm = TestFiles.shmDirectory();
        try {
            IoCapabilities caps = IoCapabilities.of(shm);
            assertEquals("tmpfs", caps.storage().fsType());
            assertEquals(StorageInfo.UNKNOWN, caps.storage().deviceName(), "tmpfs has no block device");
            for (BackendKind k : BackendKind.values()) {
                if (k.needsDirectIo()) {
                    assertFalse(caps.isAvailable(k), k.externalName());
                    assertNotNull(caps.unavailabilityCause(k));
                }
            }
            assertTrue(caps.storage().directIoCause().contains("tmpfs"), caps.storage().directIoCause());
            assertTrue(caps.isAvailable(BackendKind.FILECHANNEL_FORCE));
        } finally {
            TestFiles.deleteRecursively(shm);
        }
    }

    @Test
    void disablePropertyShouldSwitchABackendOffWithThePropertyAsCause() throws Exception {
        String property = IoCapabilities.disableProperty(BackendKind.FILECHANNEL_FORCE);
        assertEquals("ringlog.io.filechannel_force.disable", property);
        System.setProperty(property, "true");
        try {
            IoCapabilities caps = IoCapabilities.of(dir);
            assertFalse(caps.isAvailable(BackendKind.FILECHANNEL_FORCE));
            assertTrue(caps.unavailabilityCause(BackendKind.FILECHANNEL_FORCE).contains(property));
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> IoBackends.create(BackendKind.FILECHANNEL_FORCE, IoBackendConfig.DEFAULT));
            assertTrue(e.getMessage().contains(property), e.getMessage());
        } finally {
            System.clearProperty(property);
        }
    }

    @Test
    void ioUringShouldUseTheProbesDisableProperty() {
        assertEquals(io.ringlog.io.uring.IoUringProbe.DISABLE_PROPERTY,
            IoCapabilities.disableProperty(BackendKind.IO_URING));
    }
}
