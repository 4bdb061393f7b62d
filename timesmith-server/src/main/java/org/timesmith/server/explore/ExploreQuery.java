package org.timesmith.server.explore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.timesmith.core.search.SearchAfter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.timeline.Timeline;
import tools.jackson.databind.JsonNode;

/**
 * An explore request after parsing and the permission check: the sketch's selected timelines (by
 * index name), the store request restricted to them, the fields the client asked for (empty means
 * every field), and the mode (page, count, export, scroll continuation).
 *
 * @param timelinesByIndex selected timelines by index name (a sketch may have several per index)
 * @param shownAs          each {@code __ts_timeline_id} the request matches → the selected timeline of
 *                         this sketch that shows those events (another sketch's timeline id, for
 *                         events of a shared index, maps to this sketch's timeline on that index)
 * @param scrollId         the scroll this request continues, if any (its position is in the request)
 */
public record ExploreQuery(SketchAccess access, Map<String, List<Timeline>> timelinesByIndex,
                           Map<Long, Long> shownAs, SearchRequest request,
                           List<String> fields, boolean count, boolean enableScroll, Optional<String> scrollId,
                           Optional<String> fileName, JsonNode body) {

    public boolean continuation() {
        return scrollId.isPresent();
    }

    public List<Timeline> timelines() {
        return timelinesByIndex.values().stream().flatMap(List::stream).toList();
    }

    /** The store request for every match, without paging (counts, streams, exports and bulk jobs). */
    public SearchRequest unpaged() {
        return request.toBuilder().from(0).after((SearchAfter) null).build();
    }
}
