package io.ringlog.core;

import io.ringlog.io.DeviceIoException;
import io.ringlog.io.DiskFullException;
import io.ringlog.io.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.ringlog.core.LogTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class FailureTest {
    @TempDir
    Path dir;

    @Test
    void diskFullOnWriteShouldFailTheAppendAndRecoverWhenSpaceReturns() throws Exception {
        FaultyBackend backend = new FaultyBackend();
        try (Log log = Log.open(dir, small().backendFactory(d -> backend).build())) {
            assertEquals(0, log.append(utf8("a")));
            backend.failWritesWithErrno.set(Errno.ENOSPC);
            assertThrows(DiskFullException.class, () -> log.append(utf8("lost")));
            assertEquals(1, log.endOffset(), "nothing partial acknowledged");
            assertEquals(List.of("a"), readValues(log, 0), "still readable");
            backend.failWritesWithErrno.set(null);
            assertEquals(1, log.append(utf8("b")), "the failed offset is reused");
            assertEquals(List.of("a", "b"), readValues(log, 0));
        }
        try (Log log = Log.open(dir, small().build())) {
            assertEquals(List.of("a", "b"), readValues(log, 0));
        }
    }

    @Test
    void interruptedAppenderShouldNotFailTheLog() throws Exception {
        try (Log log = Log.open(dir, small().build())) {
            Thread.currentThread().interrupt();
            assertEquals(0, log.append(utf8("while interrupted")));
            assertTrue(Thread.interrupted(), "interrupt status restored");
            assertEquals(1, log.append(utf8("after")));
            Thread.currentThread().interrupt();
            assertThrows(java.io.IOException.class, () -> readValues(log, 0), "the interrupted reader fails");
            Thread.interrupted();
            assertEquals(List.of("while interrupted", "after"), readValues(log, 0), "other reads still work");
            assertEquals(2, log.append(utf8("and appends")));
        }
    }

    @Test
    void ioErrorShouldFailTheLogUntilReopened() throws Exception {
        FaultyBackend backend = new FaultyBackend();
        Log log = Log.open(dir, small().backendFactory(d -> backend).build());
        log.append(utf8("a"));
        backend.failWritesWithErrno.set(Errno.EIO);
        assertThrows(LogFailedException.class, () -> log.append(utf8("b")));
        backend.failWritesWithErrno.set(null);
        LogFailedException again = assertThrows(LogFailedException.class, () -> log.append(utf8("c")));
        assertInstanceOf(DeviceIoException.class, again.getCause(), "the original cause");
        assertEquals(List.of("a"), readValues(log, 0));
        log.close();
        try (Log reopened = Log.open(dir, small().build())) {
            assertEquals(1, reopened.append(utf8("c")));
        }
    }
}
