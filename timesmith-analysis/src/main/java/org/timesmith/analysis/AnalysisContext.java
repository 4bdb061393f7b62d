package org.timesmith.analysis;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStream;

/**
 * Everything one analyzer run may use: the sketch, the timelines to analyse (timeline id → the
 * index holding its events), the run's keyword arguments, the event store and the listener for the
 * session log and progress. The search helpers restrict every request to the run's timelines, so an
 * analyzer cannot read or annotate events of other timelines by accident.
 *
 * @param timelineIndices timeline id → index name, in the order the timelines were given
 * @param kwargs          the run's keyword arguments as the client sent them (JSON values as Java
 *                        strings, numbers, booleans, lists and maps)
 */
public record AnalysisContext(long sketchId, Map<Long, String> timelineIndices, Map<String, Object> kwargs,
                              EventStore store, AnalysisListener listener) {

    public AnalysisContext {
        if (timelineIndices.isEmpty()) {
            throw new IllegalArgumentException("an analysis needs at least one timeline");
        }
        timelineIndices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timelineIndices));
        kwargs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    public Set<Long> timelineIds() {
        return timelineIndices.keySet();
    }

    /** The distinct indices of the run's timelines. */
    public List<String> indices() {
        return timelineIndices.values().stream().distinct().toList();
    }

    /** A request for the query string over the run's timelines (blank or {@code *}: all their events). */
    public SearchRequest.Builder search(String query) {
        return SearchRequest.builder().indices(indices()).query(query)
                .filter(new Filter.Timelines(timelineIds(), false));
    }

    /** Every match of the query in the run's timelines, oldest first; only {@code fields} (all if empty). */
    public EventStream stream(String query, List<String> fields) {
        return store.stream(search(query).fields(fields).build());
    }

    public long count(String query) {
        return store.count(search(query).build());
    }

    /** Applies the update to every match of the query in the run's timelines; returns how many were updated. */
    public long updateMatching(String query, EventUpdate update) {
        return store.updateByQuery(search(query).build(), update);
    }

    /** Applies the update to these events of {@code index} (ids from {@link #stream}). */
    public long update(String index, Collection<String> eventIds, EventUpdate update) {
        return store.update(index, eventIds, update);
    }

    /** The keyword argument as a string, if given and not null. */
    public Optional<String> kwarg(String name) {
        return Optional.ofNullable(kwargs.get(name)).map(Object::toString);
    }

    public void log(String line) {
        listener.log(line);
    }

    public void progress(long eventsDone) {
        listener.progress(eventsDone);
    }
}
