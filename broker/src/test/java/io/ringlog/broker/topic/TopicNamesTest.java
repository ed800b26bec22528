package io.ringlog.broker.topic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicNamesTest {
    @Test
    void shouldAcceptKafkaLegalNames() {
        for (String name : new String[]{"a", "orders.v2", "A-b_c.9", "x".repeat(249), "..."}) {
            assertTrue(TopicNames.isValid(name), name);
        }
    }

    @Test
    void shouldRejectNamesThatCouldEscapeTheDataDirectory() {
        for (String name : new String[]{"", ".", "..", "../x", "a/b", "a\\b", "x".repeat(250), "sp ace", "ü", null}) {
            assertFalse(TopicNames.isValid(name), String.valueOf(name));
        }
    }
}
