package io.ringlog.broker.group.store;

import io.ringlog.broker.group.GroupStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The contract against {@link LogGroupStore}, reopened from disk for every restart. */
class LogGroupStoreContractTest extends GroupStoreContract {
    @TempDir
    Path dir;

    @Override
    protected GroupStore create() throws Exception {
        return LogGroupStore.open(dir.resolve(LogGroupStore.DIRECTORY_NAME), TestSettings.SMALL);
    }

    @Override
    protected GroupStore reopen(GroupStore old) throws Exception {
        old.close();
        return create();
    }
}
