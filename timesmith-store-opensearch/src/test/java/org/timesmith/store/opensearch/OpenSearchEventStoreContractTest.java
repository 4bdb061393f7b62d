package org.timesmith.store.opensearch;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.contract.EventStoreContract;

/** The OpenSearch store passes the store contract kit against a real node. */
class OpenSearchEventStoreContractTest extends EventStoreContract {

    @RegisterExtension
    final SharedNode node = new SharedNode();

    @Override
    protected EventStore newStore(Path dir) {
        return new OpenSearchEventStore(node.cluster().config());
    }
}
