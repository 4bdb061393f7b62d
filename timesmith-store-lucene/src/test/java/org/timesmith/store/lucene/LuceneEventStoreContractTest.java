package org.timesmith.store.lucene;

import java.nio.file.Path;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.contract.EventStoreContract;

/** The embedded store passes the store contract kit. */
class LuceneEventStoreContractTest extends EventStoreContract {

    @Override
    protected EventStore newStore(Path dir) {
        return new LuceneEventStore(dir);
    }
}
