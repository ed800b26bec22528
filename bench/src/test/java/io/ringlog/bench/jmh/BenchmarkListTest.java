package io.ringlog.bench.jmh;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JDK 23+ runs no annotation processor implicitly: without the explicit processor path this list is missing. */
class BenchmarkListTest {

    @Test
    void compiledClassesShouldContainJmhBenchmarkList() throws IOException {
        try (InputStream in = BenchmarkListTest.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(in, "META-INF/BenchmarkList missing: jmh-generator-annprocess did not run");
            String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String b : new String[] {"Crc32cBenchmark", "AlignedBufferBenchmark", "DurableWriteBenchmark"}) {
                assertTrue(list.contains("io.ringlog.bench.jmh." + b), b + " not in " + list);
            }
        }
    }
}
