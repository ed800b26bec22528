package io.ringlog.bench.fio;

import io.ringlog.bench.RoundSample;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FioOutputTest {

    /**
     * Recorded on the dev VM (busy: others were compiling) with fio 3.33 and exactly FioJob's command:
     * io_uring, direct=1, sync=dsync, QD1, 1024 x 4 KiB over a pre-zeroed file.
     */
    private static String sample() throws IOException {
        try (InputStream in = FioOutputTest.class.getResourceAsStream("/io/ringlog/bench/fio-io_uring-dsync-4k.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldReadTotalLatencyPercentilesIopsAndCpu() throws IOException {
        RoundSample s = FioOutput.parse(sample(), 4096);

        assertEquals(1024, s.ops());
        assertEquals(168.96, s.p50Us(), 1e-9);
        assertEquals(5996.544, s.p99Us(), 1e-9);
        assertEquals(8454.144, s.p999Us(), 1e-9);
        assertEquals(11741.183, s.maxUs(), 1e-9);
        assertEquals(1471.264368, s.opsPerS(), 1e-6);
        assertEquals(1471.264368 * 4096 / 1e6, s.mbPerS(), 1e-6);
        // (usr 0.719424 + sys 4.892086) % of 695 ms over 1024 writes
        assertEquals((0.719424 + 4.892086) / 100 * 695 * 1000 / 1024, s.cpuUsPerOp(), 1e-9);
        assertEquals(RoundSample.PERCENTILES.length, s.latencyUsByPercentile().size());
    }

    @Test
    void shouldRejectOutputWithoutTotalLatency() {
        String json = "{\"jobs\":[{\"error\":0,\"job_runtime\":1,\"usr_cpu\":0,\"sys_cpu\":0,"
            + "\"write\":{\"iops\":1,\"total_ios\":1}}]}";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FioOutput.parse(json, 4096));

        assertTrue(e.getMessage().contains("lat_ns"), e.getMessage());
    }

    @Test
    void jobShouldBeTheEquivalentOfTheRawTarget() {
        FioJob job = new FioJob(Path.of("/usr/bin/fio"), Path.of("/d/f.dat"), 4096, 1000);

        assertTrue(job.command().containsAll(java.util.List.of("--ioengine=io_uring", "--direct=1", "--sync=dsync",
            "--iodepth=1", "--rw=write", "--bs=4096", "--size=4096000", "--lat_percentiles=1", "--output-format=json",
            "--allow_file_create=0")), job.commandLine());
        assertEquals("50:75:90:95:99:99.5:99.9:99.95:99.99:99.995:99.999", FioJob.percentileList());
        assertTrue(job.command().stream().noneMatch(a -> a.startsWith("--thinktime")), job.commandLine());
    }

    @Test
    void thinkTimeShouldBecomeFiosThinktimeAfterEveryWrite() {
        FioJob job = new FioJob(Path.of("/usr/bin/fio"), Path.of("/d/f.dat"), 4096, 1000, 250);

        assertTrue(job.command().containsAll(java.util.List.of("--thinktime=250", "--thinktime_blocks=1")),
            job.commandLine());
        assertEquals(250, job.withOps(5).thinkMicros());
    }
}
