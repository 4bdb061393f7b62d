package org.timesmith.server.annotation;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.explore.ExploreService;
import org.timesmith.server.sketch.SketchAccess;
import org.timesmith.server.timeline.Timeline;

/**
 * Finds an event a request names by index and id, and only if it belongs to a searchable timeline
 * of the sketch: an index outside the sketch is 400 (as Timesketch answers), an event of another
 * sketch's timeline in a shared index is 404, so nothing outside the sketch can be read or changed.
 */
@Component
public class EventAccess {

    private final ExploreService explore;
    private final EventStore store;

    public EventAccess(ExploreService explore, EventStore store) {
        this.explore = explore;
        this.store = store;
    }

    /** The sketch's searchable indices (index name → its timelines in the sketch). */
    public Map<String, List<Timeline>> indices(SketchAccess access) {
        return explore.searchableTimelines(access.sketchId());
    }

    public StoredEvent require(SketchAccess access, Map<String, List<Timeline>> indices, String index, String eventId) {
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
        List<Timeline> timelines = indices.get(index);
        if (timelines == null) {
            throw ApiException.badRequest("The index " + index + " is not part of a ready timeline of the sketch.");
        }
        return store.get(index, eventId).filter(e -> inSketch(e, timelines))
                .orElseThrow(() -> ApiException.notFound("No event " + eventId + " in the index " + index + "."));
    }

    /** Whether one of the timelines shows the event (a shared index's events carry another timeline's id). */
    private boolean inSketch(StoredEvent event, List<Timeline> timelines) {
        Object timelineId = event.source().get(Event.TIMELINE_ID);
        if (!(timelineId instanceof Number n)) {
            return false;
        }
        return timelines.stream().anyMatch(t -> t.id() == n.longValue())
                || explore.shownAs(Map.of("", timelines)).containsKey(n.longValue());
    }
}
