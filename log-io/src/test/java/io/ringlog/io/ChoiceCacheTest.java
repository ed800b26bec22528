package io.ringlog.io;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LeakCheck.class)
class ChoiceCacheTest {
    @TempDir
    Path dir;

    @BeforeEach
    void forgetEarlierCalibrationsOfThisProcess() {
        AutoSelector.forgetCalibrations();
    }

    @Test
    void secondAutoShouldReuseTheCachedChoiceWithoutCalibrating() throws Exception {
        AutoSelection first;
        try (AutoBackend auto = IoBackends.auto(dir, IoBackendConfig.DEFAULT)) {
            first = auto.selection();
        }
        Path cache = dir.resolve(AutoSelector.CHOICE_FILE);
        assertTrue(Files.exists(cache));
        try (AutoBackend again = IoBackends.auto(dir, IoBackendConfig.DEFAULT)) {
            AutoSelection second = again.selection();
            assertTrue(second.fromCache(), second.summary());
            assertEquals(first.chosen(), second.chosen());
            assertEquals(first.chosen(), again.backend().kind());
            assertEquals(first.candidate(first.chosen()).samples(), second.candidate(second.chosen()).samples());
            assertEquals(first.candidate(first.chosen()).p50Micros(), second.candidate(second.chosen()).p50Micros(),
                0.001);
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no calibration scratch file may have been created");
        }
    }

    @Test
    void changedKernelShouldInvalidateTheCachedChoice() throws Exception {
        assertRecalibratedAfterEditing("kernel", "0.0.1-other");
    }

    @Test
    void changedDeviceShouldInvalidateTheCachedChoice() throws Exception {
        assertRecalibratedAfterEditing("device", "8:1");
    }

    @Test
    void damagedCacheFileShouldBeIgnored() throws Exception {
        try (AutoBackend auto = IoBackends.auto(dir, IoBackendConfig.DEFAULT)) {
            assertFalse(auto.selection().fromCache());
        }
        Path cache = dir.resolve(AutoSelector.CHOICE_FILE);
        AutoSelector.forgetCalibrations();
        Files.writeString(cache, Files.readString(cache).replaceAll("(?m)^chosen=.*$", "chosen=nonsense"));
        try (AutoBackend auto = IoBackends.auto(dir, IoBackendConfig.DEFAULT)) {
            assertFalse(auto.selection().fromCache());
            assertTrue(auto.selection().cacheNote().startsWith("cached choice unreadable"),
                auto.selection().cacheNote());
        }
    }

    @Test
    void anotherDirectoryOnTheSameDeviceShouldReuseThisProcessCalibration(@TempDir Path other) throws Exception {
        AutoSelection first;
        try (AutoBackend auto = IoBackends.auto(dir, IoBackendConfig.DEFAULT)) {
            first = auto.selection();
            assertFalse(first.fromCache());
        }
        try (AutoBackend auto = IoBackends.auto(other, IoBackendConfig.DEFAULT)) {
            AutoSelection second = auto.selection();
            assertTrue(second.fromCache(), second.summary());
            assertEquals(first.chosen(), auto.backend().kind());
            assertTrue(second.cacheNote().contains("earlier in this process"), second.cacheNote());
        }
        assertTrue(Files.exists(other.resolve(AutoSelector.CHOICE_FILE)), "the other directory gets its cache file");
        try (var files = Files.list(other)) {
            assertEquals(1, files.count(), "no calibration scratch file may have been created");
        }
    }

    private void assertRecalibratedAfterEditing(String key, String value) throws Exception {
        try (AutoBackend auto = IoBackends.auto(dir, IoBackendConfig.DEFAULT)) {
            assertFalse(auto.selection().fromCache());
        }
        Path cache = dir.resolve(AutoSelector.CHOICE_FILE);
        String text = Files.readString(cache, StandardCharsets.UTF_8);
        String edited = text.replaceAll("(?m)^" + key + "=.*$", key + "=" + value);
        assertTrue(!edited.equals(text), "cache file has no " + key + " line:\n" + text);
        AutoSelector.forgetCalibrations();
        Files.writeString(cache, edited, StandardCharsets.UTF_8);
        try (AutoBackend auto = IoBackends.auto(dir, IoBackendConfig.DEFAULT)) {
            AutoSelection s = auto.selection();
            assertFalse(s.fromCache(), "a changed " + key + " must force a calibration");
            assertTrue(s.cacheNote().contains(key + " changed"), s.cacheNote());
        }
        assertFalse(Files.readString(cache).contains(key + "=" + value), "the cache must be rewritten");
    }
}
