package org.timesmith.core.store;

import java.util.Collection;
import java.util.Optional;
import java.util.SortedSet;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SearchResult;
import org.timesmith.core.search.StoredEvent;

/**
 * Where events live: the embedded Lucene store or an OpenSearch cluster. Both implementations pass
 * the same contract test kit (core's test-jar), which pins every answer — matching, counts,
 * ordering, aggregations, updates — so callers never see which one they use.
 *
 * <p>An index holds the events of one or more timelines ({@code __ts_timeline_id}). Requests may
 * name several indices; a name that does not exist is an error, not an empty result.
 *
 * <p>A request the store cannot run as given (a query string that does not parse, an unsupported
 * DSL clause, an absurd aggregation) throws {@link IllegalArgumentException} with a message meant
 * for the user; failures of the store itself throw {@link StoreException}.
 */
public interface EventStore extends AutoCloseable {

    /**
     * The longest string that also gets an exact keyword ({@code <field>.keyword}, for term filters
     * and terms aggregations): the {@code ignore_above} of Timesketch's mapping. Longer strings are
     * analysed text only.
     */
    int KEYWORD_MAX_CHARS = 256;

    /** Creates the index if it does not exist yet. */
    void createIndex(String index);

    boolean indexExists(String index);

    /** Deletes the index and all its events, also when it is closed; nothing happens if it does not exist. */
    void deleteIndex(String index);

    /**
     * Closes the index: its events stay stored but it can no longer be searched or written
     * ({@link StoreException} naming it) until {@link #openIndex}. What Timesketch does to the index
     * of a deleted timeline or sketch, so it can be brought back. Nothing happens if it is already
     * closed or does not exist.
     */
    void closeIndex(String index);

    /** Opens a closed index again; nothing happens if it is open or does not exist. */
    void openIndex(String index);

    /** Whether the index exists and is closed. */
    boolean indexClosed(String index);

    BulkWriter bulkWriter(String index);

    Optional<StoredEvent> get(String index, String eventId);

    SearchResult search(SearchRequest request);

    /** Exact number of matches. */
    long count(SearchRequest request);

    /** Every match in the request's order, however many; {@code from}/{@code size} are ignored. */
    EventStream stream(SearchRequest request);

    /**
     * Every match with only {@code request.fields()} (at least one), in no particular order ({@code
     * order}, {@code after}, {@code from} and {@code size} are ignored): for readers of a few fields
     * of every event, such as traffic analysis, which need neither order nor the whole source. A
     * store that keeps fields in columns reads them there instead of decoding each event's source
     * (the embedded store: doc values, with the source where a value has none); the default is
     * {@link #stream}.
     */
    default EventStream streamColumns(SearchRequest request) {
        if (request.fields().isEmpty()) {
            throw new IllegalArgumentException("a column stream reads named fields; give the fields to read");
        }
        return stream(request);
    }

    AggregationResult aggregate(SearchRequest request, Aggregation aggregation);

    /** Applies the update to the events with these ids; returns how many were found and updated. */
    long update(String index, Collection<String> eventIds, EventUpdate update);

    /**
     * Applies a different update to each event (event id → update), for example one fact label per
     * conclusion; returns how many were found and updated. A store that can do it in one round trip
     * or commit overrides this; the default is one {@link #update} per event.
     */
    default long updateEach(String index, java.util.Map<String, EventUpdate> updates) {
        long updated = 0;
        for (java.util.Map.Entry<String, EventUpdate> entry : updates.entrySet()) {
            updated += update(index, java.util.List.of(entry.getKey()), entry.getValue());
        }
        return updated;
    }

    /** Applies the update to every match of the request; returns how many were updated. */
    long updateByQuery(SearchRequest request, EventUpdate update);

    /** Deletes every event of the timeline from the index; returns how many were deleted. */
    long deleteTimeline(String index, long timelineId);

    /** Makes every write so far visible to searches now. */
    void refresh(String index);

    /** The names of all source fields present in the indices, dotted for nested objects. */
    SortedSet<String> fieldNames(Collection<String> indices);

    @Override
    void close();
}
