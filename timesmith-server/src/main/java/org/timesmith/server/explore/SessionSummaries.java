package org.timesmith.server.explore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SortOrder;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.timeline.SearchIndex;
import org.timesmith.server.timeline.Timeline;
import org.timesmith.server.timeline.TimelineRepository;

/**
 * The sessions the sessionizer analyzers wrote ({@code session_id.<type>}) on one of a sketch's
 * timelines, as Timesketch's {@code GET explore/sessions/{index}} lists them: per session type, up
 * to 100 sessions with their first and last event time in milliseconds, then
 * {@code {"truncated": …}}. Only the sketch's timelines on that index are read (Timesketch reads
 * the whole index, and every index when the name is not the sketch's); each session's times are
 * two one-event searches sorted by time, not a scan.
 */
@Service
public class SessionSummaries {

    /** Timesketch's session types, then those Timesmith's sessionizers also write. */
    static final List<String> SESSION_TYPES = List.of("all_events", "web_activity", "logon_session",
            "ssh_bruteforce_session", "ssh_session", "ssh_bruteforce", "unlock_session", "psexec_dest");
    static final int MAX_SESSIONS = 100;
    private static final int MAX_IDS = 10_000;

    private final TimelineRepository timelines;
    private final EventStore store;

    SessionSummaries(TimelineRepository timelines, EventStore store) {
        this.timelines = timelines;
        this.store = store;
    }

    public List<Map<String, Object>> sessions(SketchAccess access, String indexName) {
        SearchRequest scope = scope(access, indexName);
        List<Map<String, Object>> sessions = new ArrayList<>();
        boolean truncated = false;
        for (String type : SESSION_TYPES) {
            String field = "session_id." + type;
            if (!(store.aggregate(scope.toBuilder().size(0).build(), new Aggregation.Terms(field, MAX_IDS))
                    instanceof AggregationResult.Terms terms)) {
                continue;
            }
            List<AggregationResult.TermBucket> buckets = terms.buckets();
            truncated |= buckets.size() > MAX_SESSIONS;
            for (AggregationResult.TermBucket bucket : buckets.subList(0, Math.min(MAX_SESSIONS, buckets.size()))) {
                SearchRequest session = scope.toBuilder().filter(new Filter.Term(field, bucket.key(), false)).size(1).build();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("session_type", type);
                entry.put("session_id", bucket.key());
                entry.put("start_timestamp", millis(first(session, SortOrder.ASC)));
                entry.put("end_timestamp", millis(first(session, SortOrder.DESC)));
                sessions.add(entry);
            }
        }
        sessions.add(Map.of("truncated", truncated));
        return sessions;
    }

    /** The sketch's timelines on the index (with the timelines whose events they show); 404 if none. */
    private SearchRequest scope(SketchAccess access, String indexName) {
        Optional<Long> indexId = timelines.indexByName(indexName).map(SearchIndex::id);
        Set<Long> ids = new HashSet<>();
        for (Timeline timeline : timelines.timelines(access.sketchId())) {
            if (indexId.isPresent() && timeline.searchIndexId() == indexId.get() && !Timeline.ARCHIVED.equals(timeline.status())) {
                ids.add(timeline.id());
            }
        }
        if (ids.isEmpty() || !store.indexExists(indexName)) {
            throw ApiException.notFound("No timeline of this sketch is on that index.");
        }
        timelines.eventTimelineIds(Set.copyOf(ids)).values().forEach(ids::addAll);
        return SearchRequest.builder(indexName).filter(new Filter.Timelines(ids, false)).build();
    }

    private long first(SearchRequest session, SortOrder order) {
        List<StoredEvent> hits = store.search(session.toBuilder().order(order).fields(List.of("timestamp")).build()).hits();
        return hits.isEmpty() ? 0 : hits.getFirst().timestamp();
    }

    /** Timesketch divides the microseconds by 1000 in Python 3: milliseconds with a fraction. */
    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
