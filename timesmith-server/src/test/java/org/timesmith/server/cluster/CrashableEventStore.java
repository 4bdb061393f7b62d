package org.timesmith.server.cluster;

import java.util.Collection;
import java.util.Optional;
import java.util.SortedSet;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SearchResult;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.ForwardingBulkWriter;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStream;

/** The node's real event store, with its bulk writers reporting to an {@link ImportCrash}. */
final class CrashableEventStore implements EventStore {

    private final String node;
    private final EventStore delegate;
    private final ImportCrash crash;

    CrashableEventStore(String node, EventStore delegate, ImportCrash crash) {
        this.node = node;
        this.delegate = delegate;
        this.crash = crash;
    }

    @Override
    public BulkWriter bulkWriter(String index) {
        BulkWriter writer = delegate.bulkWriter(index);
        return new ForwardingBulkWriter(writer) {
            private long added;

            @Override
            public void add(Event event) {
                super.add(event);
                crash.written(node, ++added, writer::flush);
            }

            @Override
            public void close() {
                super.close();
                crash.closed(node, writer.written());
            }
        };
    }

    @Override
    public void createIndex(String index) {
        delegate.createIndex(index);
    }

    @Override
    public boolean indexExists(String index) {
        return delegate.indexExists(index);
    }

    @Override
    public void deleteIndex(String index) {
        delegate.deleteIndex(index);
    }

    @Override
    public void closeIndex(String index) {
        delegate.closeIndex(index);
    }

    @Override
    public void openIndex(String index) {
        delegate.openIndex(index);
    }

    @Override
    public boolean indexClosed(String index) {
        return delegate.indexClosed(index);
    }

    @Override
    public Optional<StoredEvent> get(String index, String eventId) {
        return delegate.get(index, eventId);
    }

    @Override
    public SearchResult search(SearchRequest request) {
        return delegate.search(request);
    }

    @Override
    public long count(SearchRequest request) {
        return delegate.count(request);
    }

    @Override
    public EventStream stream(SearchRequest request) {
        return delegate.stream(request);
    }

    @Override
    public AggregationResult aggregate(SearchRequest request, Aggregation aggregation) {
        return delegate.aggregate(request, aggregation);
    }

    @Override
    public long update(String index, Collection<String> eventIds, EventUpdate update) {
        return delegate.update(index, eventIds, update);
    }

    @Override
    public long updateByQuery(SearchRequest request, EventUpdate update) {
        return delegate.updateByQuery(request, update);
    }

    @Override
    public long deleteTimeline(String index, long timelineId) {
        return delegate.deleteTimeline(index, timelineId);
    }

    @Override
    public void refresh(String index) {
        delegate.refresh(index);
    }

    @Override
    public SortedSet<String> fieldNames(Collection<String> indices) {
        return delegate.fieldNames(indices);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
