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

    /** Recorded on the dev VM with fio 3.33: io_uring, direct=1, sync=dsync, QD1, 1024 x 4 KiB. */
    private static String sample() throws IOException {
        try (InputStream in = FioOutputTest.class.getResourceAsStream("/io/ringlog/bench/fio-io_uring-dsync-4k.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldReadTotalLatencyPercentilesIopsAndCpu() throws IOException {
        RoundSample s = FioOutput.parse(sample(), 4096);

        assertEquals(1024, s.ops());
        assertEquals(148.48, s.p50Us(), 1e-9);
        assertEquals(292.864, s.p99Us(), 1e-9);
        assertEquals(366.592, s.p999Us(), 1e-9);
        assertEquals(6243.902439, s.opsPerS(), 1e-6);
        assertEquals(6243.902439 * 4096 / 1e6, s.mbPerS(), 1e-6);
        // (usr 0.0 + sys 20.858896) % of 163 ms over 1024 writes
        assertEquals(20.858896 / 100 * 163 * 1000 / 1024, s.cpuUsPerOp(), 1e-9);
        assertTrue(s.maxUs() >= s.p999Us());
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
    }
}
