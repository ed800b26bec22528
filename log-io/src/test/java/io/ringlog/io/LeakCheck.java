package io.ringlog.io;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * JUnit 5 extension: fails a test that leaves more fds, arenas or rings open (per {@link OpenResources})
 * than there were before it started. Use with {@code @ExtendWith(LeakCheck.class)}; tests of one JVM run
 * sequentially (surefire's default), so the process-wide counters belong to the running test.
 *
 * <p>Thread-safety: stateless; state lives in the JUnit store of each test.
 */
public final class LeakCheck implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakCheck.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("before", OpenResources.summary());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String before = context.getStore(NS).get("before", String.class);
        assertEquals(before, OpenResources.summary(),
            "native resources leaked by " + context.getDisplayName() + " (before vs after)");
    }
}
