package org.timesmith.server.annotation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.explore.ExploreQueries;
import org.timesmith.server.timeline.Timeline;

/**
 * Finds an event a request names by index and id, and only if it belongs to a searchable timeline
 * of the sketch: an index outside the sketch is 400 (as Timesketch answers), an event of another
 * sketch's timeline in a shared index is 404, so nothing outside the sketch can be read or changed.
 */
@Component
public class EventAccess {

    private final ExploreQueries queries;
    private final EventStore store;

    public EventAccess(ExploreQueries queries, EventStore store) {
        this.queries = queries;
        this.store = store;
    }

    /**
     * The sketch's searchable indices, each with the {@code __ts_timeline_id} values of the events the
     * sketch shows in it (its timelines' own ids, and for a timeline added for a shared index the ids
     * its events carry). Worked out once per request: {@link #require} checks every event against it.
     */
    public Map<String, Set<Long>> indices(SketchAccess access) {
        Map<String, List<Timeline>> byIndex = queries.searchableTimelines(access.sketchId());
        Map<Long, Long> shownAs = queries.shownAs(byIndex);
        Map<String, Set<Long>> shown = new LinkedHashMap<>();
        byIndex.forEach((index, timelines) -> {
            Set<Long> own = timelines.stream().map(Timeline::id).collect(Collectors.toSet());
            shown.put(index, shownAs.entrySet().stream().filter(e -> own.contains(e.getValue()))
                    .map(Map.Entry::getKey).collect(Collectors.toSet()));
        });
        return shown;
    }

    public StoredEvent require(SketchAccess access, Map<String, Set<Long>> indices, String index, String eventId) {
        if (eventId == null || eventId.isBlank()) {
            throw ApiException.badRequest("Every event needs an _id.");
        }
        if (index == null || index.isBlank()) {
            for (String candidate : indices.keySet()) {
                var found = store.get(candidate, eventId).filter(e -> inSketch(e, indices.get(candidate)));
                if (found.isPresent()) {
                    return found.get();
                }
            }
            throw ApiException.notFound("No event " + eventId + " in the sketch.");
        }
        Set<Long> timelines = indices.get(index);
        if (timelines == null) {
            throw ApiException.badRequest("The index " + index + " is not part of a ready timeline of the sketch.");
        }
        return store.get(index, eventId).filter(e -> inSketch(e, timelines))
                .orElseThrow(() -> ApiException.notFound("No event " + eventId + " in the index " + index + "."));
    }

    /** Whether the sketch shows the event in its index (a shared index's events carry another timeline's id). */
    private static boolean inSketch(StoredEvent event, Set<Long> shownTimelineIds) {
        return event.source().get(Event.TIMELINE_ID) instanceof Number n && shownTimelineIds.contains(n.longValue());
    }
}
