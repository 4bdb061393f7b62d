package org.timesmith.server.aggregation;

import java.util.Optional;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SortOrder;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.api.ApiException;

/**
 * What an aggregator run may ask of the store: the run's matches (the explore selection narrowed
 * by the aggregator's query and time range) and the whole timeline selection (what Timesketch's
 * summaries call {@code all_values}). Both were built by {@link AggregationRunner} from this
 * sketch's timelines only, so an aggregator can never reach another sketch's events.
 *
 * @param matches   the events the aggregator describes
 * @param selection every event of the chosen timelines, without the aggregator's query or time range
 */
public record AggregationSource(EventStore store, SearchRequest matches, SearchRequest selection) {

    /** A store aggregation; arguments the store rejects (too many buckets, …) are the client's to fix. */
    public AggregationResult aggregate(SearchRequest request, Aggregation aggregation) {
        try {
            return store.aggregate(request, aggregation);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The aggregation could not be run: " + e.getMessage());
        }
    }

    public long count(SearchRequest request) {
        return store.count(request);
    }

    /** The timestamp (µs) of the first ({@code ASC}) or last ({@code DESC}) event of {@code request}. */
    public Optional<Long> edge(SearchRequest request, SortOrder order) {
        SearchRequest first = request.toBuilder().from(0).size(1).order(order)
                .fields(java.util.List.of("timestamp")).build();
        return store.search(first).hits().stream().findFirst().map(StoredEvent::source)
                .map(source -> source.get("timestamp")).filter(Number.class::isInstance)
                .map(t -> ((Number) t).longValue());
    }
}
