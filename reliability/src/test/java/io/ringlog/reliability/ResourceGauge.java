package io.ringlog.reliability;

import io.ringlog.io.OpenResources;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * One sample of what a leak would make grow: open file descriptors ({@code /proc/self/fd}), JDK direct
 * buffer memory (BufferPoolMXBean "direct"), log-io's tracked fds/arenas/rings
 * ({@link OpenResources}) and heap used right after a full GC.
 *
 * @param fds        entries of /proc/self/fd
 * @param directBytes bytes of direct ByteBuffers in use
 * @param ioFds      file handles open through log-io
 * @param arenas     native arenas open through log-io
 * @param rings      io_uring rings open
 * @param heapAfterGc heap bytes used after System.gc()
 *
 * <p>Thread-safety: immutable.
 */
record ResourceGauge(long fds, long directBytes, long ioFds, long arenas, long rings, long heapAfterGc) {

    static ResourceGauge sample() throws IOException {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        long fds;
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            fds = s.count();
        }
        return new ResourceGauge(fds, direct, OpenResources.open(OpenResources.Kind.FD),
            OpenResources.open(OpenResources.Kind.ARENA), OpenResources.open(OpenResources.Kind.RING), heap);
    }

    @Override
    public String toString() {
        return String.format("fds=%d direct=%.1fMiB logio[fds=%d arenas=%d rings=%d] heapAfterGc=%.1fMiB",
            fds, directBytes / 1048576.0, ioFds, arenas, rings, heapAfterGc / 1048576.0);
    }
}
