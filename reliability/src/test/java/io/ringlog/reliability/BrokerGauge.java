package io.ringlog.reliability;

import javax.management.JMException;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sample of a broker process, taken inside it (by {@link BrokerSoakChild}) and sent to the test as
 * one stdout line ({@link #line()}, {@link #parse}): the {@link ResourceGauge} figures (fds, direct
 * buffers, log-io fds/arenas/rings, heap after a full GC), live threads, resident set size, and the
 * memory Native Memory Tracking counts as committed outside the Java heap (-1 without
 * {@code -XX:NativeMemoryTracking=summary}).
 *
 * <p>Thread-safety: immutable.
 *
 * @param resources      fds, direct memory, log-io resources and heap after GC
 * @param threads        live JVM threads
 * @param rssBytes       VmRSS
 * @param nativeBytes    NMT total committed minus NMT Java heap committed, or -1
 */
record BrokerGauge(ResourceGauge resources, long threads, long rssBytes, long nativeBytes) {
    static final String PREFIX = "GAUGE ";
    private static final Pattern TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern HEAP = Pattern.compile("Java Heap \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

    /** Samples this JVM (runs a full GC first). */
    static BrokerGauge sample() throws IOException {
        ResourceGauge resources = ResourceGauge.sample();
        long threads = ManagementFactory.getThreadMXBean().getThreadCount();
        return new BrokerGauge(resources, threads, rss(), nativeCommitted());
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    private static long nativeCommitted() {
        try {
            String summary = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            Matcher total = TOTAL.matcher(summary);
            Matcher heap = HEAP.matcher(summary);
            if (!total.find() || !heap.find()) {
                return -1;
            }
            return (Long.parseLong(total.group(2)) - Long.parseLong(heap.group(2))) * 1024;
        } catch (JMException e) {
            return -1;
        }
    }

    /** The stdout line: {@link #PREFIX} and the numbers. */
    String line() {
        ResourceGauge r = resources;
        return PREFIX + r.fds() + " " + r.directBytes() + " " + r.ioFds() + " " + r.arenas() + " " + r.rings() + " "
            + r.heapAfterGc() + " " + threads + " " + rssBytes + " " + nativeBytes;
    }

    /** Parses a {@link #line()}. */
    static BrokerGauge parse(String line) {
        String[] f = line.substring(PREFIX.length()).trim().split(" ");
        long[] v = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = Long.parseLong(f[i]);
        }
        return new BrokerGauge(new ResourceGauge(v[0], v[1], v[2], v[3], v[4], v[5]), v[6], v[7], v[8]);
    }

    @Override
    public String toString() {
        return String.format("%s threads=%d rss=%.1fMiB nativeNonHeap=%.1fMiB", resources, threads, rssBytes / 1048576.0,
            nativeBytes / 1048576.0);
    }
}
