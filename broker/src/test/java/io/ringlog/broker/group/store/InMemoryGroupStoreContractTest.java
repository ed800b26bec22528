package io.ringlog.broker.group.store;

import io.ringlog.broker.group.GroupStore;

/** The contract against {@link GroupStore#inMemory()}, the reference the durable store must match. */
class InMemoryGroupStoreContractTest extends GroupStoreContract {

    @Override
    protected GroupStore create() {
        return GroupStore.inMemory();
    }

    @Override
    protected GroupStore reopen(GroupStore old) {
        return old;
    }
}
