package org.timesmith.store.lucene;

import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStoreProvider;
import org.timesmith.core.store.StoreSettings;

/** {@code timesmith.store=lucene}: the embedded index in the node's data directory, the default. */
public final class LuceneEventStoreProvider implements EventStoreProvider {

    @Override
    public String name() {
        return "lucene";
    }

    @Override
    public String description() {
        return "the embedded index in timesmith.home, the default";
    }

    @Override
    public EventStore open(StoreSettings settings) {
        return new LuceneEventStore(settings.indexDirectory());
    }
}
