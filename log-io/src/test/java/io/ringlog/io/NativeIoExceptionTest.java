package io.ringlog.io;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeIoExceptionTest {

    @Test
    void enospcShouldBecomeDiskFullWithFullContext() {
        NativeIoException e = NativeIoException.of(Errno.ENOSPC, "pwritev2", Path.of("/d/0.log"), 8192, 4096);
        assertInstanceOf(DiskFullException.class, e);
        assertEquals(28, e.errno());
        assertEquals("ENOSPC", e.errnoName());
        assertEquals("pwritev2", e.call());
        assertEquals("/d/0.log", e.path());
        assertEquals(8192, e.offset());
        assertEquals(4096, e.length());
        assertEquals("pwritev2 failed: ENOSPC (errno 28), path /d/0.log, offset 8192, length 4096", e.getMessage());
    }

    @Test
    void quotaAndFileSizeLimitShouldAlsoBeDiskFull() {
        assertInstanceOf(DiskFullException.class, NativeIoException.of(Errno.EDQUOT, "write", null, -1, -1));
        assertInstanceOf(DiskFullException.class, NativeIoException.of(Errno.EFBIG, "write", null, -1, -1));
    }

    @Test
    void einvalAndEioShouldMapToTheirTypes() {
        assertInstanceOf(InvalidIoArgumentException.class, NativeIoException.of(Errno.EINVAL, "open", "/x", -1, -1));
        assertInstanceOf(DeviceIoException.class, NativeIoException.of(Errno.EIO, "fdatasync", "/x", -1, -1));
        NativeIoException other = NativeIoException.of(Errno.EBADF, "close", null, -1, -1);
        assertEquals(NativeIoException.class, other.getClass());
        assertEquals("close failed: EBADF (errno 9)", other.getMessage());
    }

    @Test
    void jdkNoSpaceMessageShouldBecomeDiskFullKeepingTheCause() {
        IOException jdk = new IOException("No space left on device");
        NativeIoException e = NativeIoException.fromJdk(jdk, "FileChannel.write", Path.of("/d/f"), 0, 4096);
        assertInstanceOf(DiskFullException.class, e);
        assertSame(jdk, e.getCause());
    }

    @Test
    void unknownErrnoShouldStillBeNamed() {
        assertEquals("errno-4095", Errno.name(4095));
        assertTrue(NativeIoException.of(4095, "x", null, -1, -1).getMessage().contains("errno-4095"));
    }
}
