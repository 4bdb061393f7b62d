package org.timesmith.server.explore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.springframework.stereotype.Service;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SearchResult;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStream;
import org.timesmith.server.timeline.Timeline;

/**
 * The search of explore (§10.4): runs a parsed {@link ExploreQuery} and answers in Timesketch's
 * shape: a page of events ({@code objects}, with this sketch's labels and comments) and its
 * {@code meta} (totals, counts per index and timeline, the histogram over time, the scroll to
 * continue with), or the count alone.
 */
@Service
public class ExploreSearch {

    /** Timesketch's default source fields (server/lib/definitions.py). */
    public static final List<String> DEFAULT_FIELDS = List.of("datetime", "timestamp", "timestamp_desc", "_index",
            Event.TIMELINE_ID, "message", "comment", Event.LABEL, Event.TAG, "similarity_score", "human_readable",
            "__ts_emojis");
    private static final int HISTOGRAM_BUCKETS = 100;

    private final EventStore store;
    private final EventComments comments;
    private final ScrollContexts scrolls;

    ExploreSearch(EventStore store, EventComments comments, ScrollContexts scrolls) {
        this.store = store;
        this.comments = comments;
        this.scrolls = scrolls;
    }

    /** One page of results in the Timesketch response shape (§10.4). */
    public Map<String, Object> page(ExploreQuery query) {
        List<String> storeFields = storeFields(query.fields());
        SearchRequest request = query.request().toBuilder().fields(storeFields).build();
        // The histogram of a first page is a second pass over the matches: it runs beside the search.
        // Later pages (a scroll or an offset, as the table loads them while scrolling) skip it.
        FutureTask<AggregationResult> histogram = null;
        if (!query.continuation() && query.request().from() == 0) {
            SearchRequest unpaged = query.unpaged();
            histogram = new FutureTask<>(() -> store.aggregate(unpaged,
                    new Aggregation.DateHistogram(Optional.empty(), HISTOGRAM_BUCKETS)));
            Thread.ofVirtual().name("explore-histogram").start(histogram);
        }
        SearchResult result = store.search(request);
        Map<String, String> colors = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        query.timelinesByIndex().forEach((index, list) -> {
            colors.put(index, list.get(0).color());
            names.put(index, list.get(0).name());
        });
        List<Map<String, Object>> objects = new ArrayList<>();
        Map<String, List<String>> commentsByEvent = comments.commentTexts(query.access().sketchId(),
                result.hits().stream().filter(h -> hasLabel(h, Event.COMMENT_LABEL, query.access().sketchId())).toList());
        for (StoredEvent hit : result.hits()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("_index", hit.index());
            item.put("_id", hit.id());
            item.put("_score", null);
            item.put("sort", List.of(Math.floorDiv(hit.timestamp(), 1000L)));
            item.put("selected", false);
            Object timelineId = shownAs(query, hit.source().get(Event.TIMELINE_ID));
            Map<String, Object> source = source(hit, query, commentsByEvent);
            if (timelineId != null) {
                item.put(Event.TIMELINE_ID, timelineId);
                source.computeIfPresent(Event.TIMELINE_ID, (k, v) -> timelineId);
            }
            item.put("_source", source);
            objects.add(item);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("es_time", result.tookMillis());
        meta.put("es_total_count", result.total());
        meta.put("es_total_count_complete", result.total());
        meta.put("timeline_colors", colors);
        meta.put("timeline_names", names);
        if (histogram != null) {
            // Under load the histogram's thread may still wait for a carrier: then this thread counts
            // itself instead of queueing twice more (a FutureTask runs once; the late thread finds it done).
            histogram.run();
            counts(query, result.total(), await(histogram), meta);
        } else {
            meta.put("count_per_index", Map.of());
            meta.put("count_per_timeline", Map.of());
            meta.put("count_over_time", Map.of("data", Map.of(), "interval", ""));
        }
        meta.put("scroll_id", scrollId(query, result));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("objects", objects);
        body.put("meta", meta);
        return body;
    }

    /**
     * The scroll to continue with: a continuation moves its scroll on and answers with the same id
     * while more hits follow (the client may send either id again); a first page opens a scroll
     * only when more hits follow. No id means the end; the id sent again then gets an empty page.
     */
    private String scrollId(ExploreQuery query, SearchResult result) {
        if (query.scrollId().isPresent()) {
            scrolls.advance(query.scrollId().get(), result.next());
            return result.next().isPresent() ? query.scrollId().get() : "";
        }
        if (query.enableScroll() && result.next().isPresent()) {
            return scrolls.open(query.access().user().id(), query.access().sketchId(), result.next().get());
        }
        return "";
    }

    /** The sketch's timeline id for an event's stamped id (they differ for events of a shared index). */
    private static Object shownAs(ExploreQuery query, Object stamped) {
        if (stamped instanceof Number n && query.shownAs().get(n.longValue()) instanceof Long timeline) {
            return timeline;
        }
        return stamped;
    }

    /** How many events match. */
    long countOf(ExploreQuery query) {
        return store.count(query.request());
    }

    /** Every match, streamed. */
    EventStream stream(ExploreQuery query) {
        return store.stream(query.unpaged());
    }

    /** Count mode: {@code {"meta": {"total_count": n}, "objects": []}}. */
    public Map<String, Object> count(ExploreQuery query) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", Map.of("total_count", countOf(query)));
        body.put("objects", List.of());
        return body;
    }

    /** The {@code _source} the client sees: requested fields, {@code label} for this sketch, comments. */
    Map<String, Object> source(StoredEvent hit, ExploreQuery query, Map<String, List<String>> commentsByEvent) {
        Map<String, Object> source = new LinkedHashMap<>();
        List<String> wanted = query.fields().isEmpty() ? DEFAULT_FIELDS : query.fields();
        for (Map.Entry<String, Object> field : hit.source().entrySet()) {
            if (field.getKey().equals(Event.LABEL)) {
                continue;
            }
            if (query.fields().isEmpty() || wanted.contains(field.getKey())) {
                source.put(field.getKey(), field.getValue());
            }
        }
        source.put("label", labels(hit, query.access().sketchId()));
        if (wanted.contains("comment")) {
            source.put("comment", commentsByEvent.getOrDefault(hit.index() + "/" + hit.id(), List.of()));
        }
        return source;
    }

    /** The store fields to fetch: what the client wants plus what the response is built from. */
    public static List<String> storeFields(List<String> fields) {
        if (fields.isEmpty()) {
            return List.of();
        }
        List<String> all = new ArrayList<>(fields);
        for (String needed : List.of(Event.LABEL, Event.TIMELINE_ID, Event.TIMESTAMP)) {
            if (!all.contains(needed)) {
                all.add(needed);
            }
        }
        return all;
    }

    /** This sketch's label names on an event (Timesketch's {@code _source.label}). */
    public static List<String> labels(StoredEvent hit, long sketchId) {
        List<String> names = new ArrayList<>();
        if (hit.source().get(Event.LABEL) instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> label && label.get("sketch_id") instanceof Number n
                        && n.longValue() == sketchId && label.get("name") != null) {
                    names.add(String.valueOf(label.get("name")));
                }
            }
        }
        return names;
    }

    private static boolean hasLabel(StoredEvent hit, String label, long sketchId) {
        return labels(hit, sketchId).contains(label);
    }

    private static Object parseId(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            return key;
        }
    }

    private static AggregationResult await(FutureTask<AggregationResult> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting matches over time", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The first page's counts per index, per timeline and over time. With one selected timeline its
     * count is the total, so the per-timeline aggregation only runs when there are several.
     */
    private void counts(ExploreQuery query, long total, AggregationResult histogram, Map<String, Object> meta) {
        List<Timeline> selected = query.timelines();
        Map<String, Long> perTimelineCounts = new LinkedHashMap<>();
        Map<String, Long> perIndexCounts = new LinkedHashMap<>();
        if (selected.size() == 1) {
            if (total > 0) {
                perTimelineCounts.put(String.valueOf(selected.getFirst().id()), total);
                perIndexCounts.put(query.timelinesByIndex().keySet().iterator().next(), total);
            }
        } else if (store.aggregate(query.unpaged(), new Aggregation.Terms(Event.TIMELINE_ID, query.shownAs().size()))
                instanceof AggregationResult.Terms terms) {
            for (AggregationResult.TermBucket bucket : terms.buckets()) {
                String timeline = String.valueOf(shownAs(query, parseId(bucket.key())));
                perTimelineCounts.merge(timeline, bucket.count(), Long::sum);
                query.timelinesByIndex().forEach((index, list) -> {
                    if (list.stream().anyMatch(t -> String.valueOf(t.id()).equals(timeline))) {
                        perIndexCounts.merge(index, bucket.count(), Long::sum);
                    }
                });
            }
        }
        meta.put("count_per_index", perIndexCounts);
        meta.put("count_per_timeline", perTimelineCounts);
        Map<String, Long> data = new LinkedHashMap<>();
        String interval = "";
        if (histogram instanceof AggregationResult.DateHistogram h) {
            for (AggregationResult.TimeBucket bucket : h.buckets()) {
                data.put(String.valueOf(Math.floorDiv(bucket.startMicros(), 1000L)), bucket.count());
            }
            interval = interval(h.intervalMicros());
        }
        meta.put("count_over_time", Map.of("data", data, "interval", interval));
    }

    static String interval(long micros) {
        long[][] units = {{86_400_000_000L, 'd'}, {3_600_000_000L, 'h'}, {60_000_000L, 'm'}, {1_000_000L, 's'}};
        for (long[] unit : units) {
            if (micros >= unit[0] && micros % unit[0] == 0) {
                return (micros / unit[0]) + String.valueOf((char) unit[1]);
            }
        }
        return Math.max(1, micros / 1000) + "ms";
    }
}
