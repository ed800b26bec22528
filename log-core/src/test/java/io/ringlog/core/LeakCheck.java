package io.ringlog.core;

import io.ringlog.io.OpenResources;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Asserts that every log-io resource (fds, arenas, rings) a test opened was closed (Chronicle QueueTestCommon style). */
public final class LeakCheck implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakCheck.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("before", OpenResources.summary());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertEquals(context.getStore(NS).get("before", String.class), OpenResources.summary(),
            "log-io resources leaked by " + context.getDisplayName());
    }
}
