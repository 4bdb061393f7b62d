package org.timesmith.server.explore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.springframework.stereotype.Service;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchAfter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SearchResult;
import org.timesmith.core.search.SortOrder;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStream;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.timeline.Timeline;
import org.timesmith.server.timeline.TimelineRepository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Explore (§10): turns the Timesketch request body (query string, DSL, filter with chips, indices,
 * fields, order, size, scroll) into one store request limited to the sketch's ready timelines, and
 * the result into the Timesketch response. Also used by export, counts and bulk annotation, so they
 * all see the same matches.
 */
@Service
public class ExploreService {

    /** Timesketch's default source fields (server/lib/definitions.py). */
    public static final List<String> DEFAULT_FIELDS = List.of("datetime", "timestamp", "timestamp_desc", "_index",
            Event.TIMELINE_ID, "message", "comment", Event.LABEL, Event.TAG, "similarity_score", "human_readable",
            "__ts_emojis");
    public static final int MAX_PAGE = 10_000;
    private static final int DEFAULT_PAGE = 40;
    private static final int HISTOGRAM_BUCKETS = 100;

    private final TimelineRepository timelines;
    private final EventStore store;
    private final EventComments comments;
    private final ObjectMapper json;
    private final ScrollContexts scrolls;

    ExploreService(TimelineRepository timelines, EventStore store, EventComments comments, ObjectMapper json,
                   ScrollContexts scrolls) {
        this.timelines = timelines;
        this.scrolls = scrolls;
        this.store = store;
        this.comments = comments;
        this.json = json;
    }

    /** The sketch's searchable (ready) timelines by index name; indices missing from the store are left out. */
    public Map<String, List<Timeline>> searchableTimelines(long sketchId) {
        Map<String, List<Timeline>> byIndex = new LinkedHashMap<>();
        Map<String, Boolean> exists = new HashMap<>();
        for (TimelineRepository.IndexedTimeline indexed : timelines.timelinesWithIndex(sketchId, Timeline.READY)) {
            if (exists.computeIfAbsent(indexed.indexName(), store::indexExists)) {
                byIndex.computeIfAbsent(indexed.indexName(), k -> new ArrayList<>()).add(indexed.timeline());
            }
        }
        return byIndex;
    }

    /**
     * The {@code __ts_timeline_id} values the timelines show, each mapped to the timeline showing it:
     * a timeline's own id, and for a timeline added for a shared index the ids its events carry.
     */
    public Map<Long, Long> shownAs(Map<String, List<Timeline>> selected) {
        List<Long> ids = selected.values().stream().flatMap(List::stream).map(Timeline::id).toList();
        Map<Long, Long> shownAs = new LinkedHashMap<>();
        // Own ids first, so an event stamped with a selected timeline's id is always shown as that timeline.
        ids.forEach(id -> shownAs.put(id, id));
        timelines.eventTimelineIds(ids).forEach((timeline, shown) -> shown.forEach(id -> shownAs.putIfAbsent(id, timeline)));
        return shownAs;
    }

    /** Parses an explore body; 400 for anything malformed or when no timeline of the sketch is selected. */
    public ExploreQuery parse(SketchAccess access, JsonNode rawBody) {
        JsonNode body = rawBody == null ? JsonNodeFactory.instance.objectNode() : rawBody;
        JsonNode filter = body.get("filter");
        if (filter != null && filter.isString()) {
            filter = readJson(filter.asString(), "filter");
        }
        if (filter == null || filter.isNull()) {
            filter = JsonNodeFactory.instance.objectNode();
        }
        if (!filter.isObject()) {
            throw ApiException.badRequest("filter must be a JSON object.");
        }
        Map<String, List<Timeline>> selected = select(access, filter.get("indices"));
        Map<Long, Long> shownAs = shownAs(selected);
        SearchRequest.Builder request = SearchRequest.builder().indices(List.copyOf(selected.keySet()))
                .filter(new Filter.Timelines(shownAs.keySet(), false));
        WireValues.text(body, "query").filter(q -> !q.isBlank()).ifPresent(request::query);
        List<JsonNode> dslParts = new ArrayList<>();
        dsl(access, body.get("dsl"), request, dslParts);
        Chips.apply(access.sketchId(), filter.get("chips"), request, dslParts);
        if (dslParts.size() == 1) {
            request.dsl(dslParts.get(0));
        } else if (dslParts.size() > 1) {
            ObjectNode bool = JsonNodeFactory.instance.objectNode();
            dslParts.forEach(bool.putObject("bool").putArray("must")::add);
            request.dsl(bool);
        }
        String order = WireValues.text(filter, "order").orElse("asc").toLowerCase(Locale.ROOT);
        if (!order.equals("asc") && !order.equals("desc")) {
            throw ApiException.badRequest("filter.order must be asc or desc.");
        }
        request.order(order.equals("desc") ? SortOrder.DESC : SortOrder.ASC);
        int size = filter.has("size") ? (int) WireValues.id(filter.get("size"), "filter.size") : DEFAULT_PAGE;
        if (size < 0 || size > MAX_PAGE) {
            throw ApiException.badRequest("filter.size must be between 0 and " + MAX_PAGE + "; scroll for more.");
        }
        request.size(size);
        int from = filter.has("from") ? (int) WireValues.id(filter.get("from"), "filter.from") : 0;
        if (from < 0) {
            throw ApiException.badRequest("filter.from must not be negative.");
        }
        Optional<String> scrollId = WireValues.text(body, "scroll_id").filter(s -> !s.isBlank());
        if (scrollId.isPresent()) {
            ScrollContexts.Position position = scrolls.position(scrollId.get(), access.user().id(), access.sketchId());
            request.from(0);
            position.after().ifPresentOrElse(request::after, () -> request.size(0));
        } else {
            request.from(from);
        }
        List<String> fields = fields(body, filter);
        return new ExploreQuery(access, selected, shownAs, request.build(), fields, WireValues.bool(body.get("count")),
                !body.has("enable_scroll") || WireValues.bool(body.get("enable_scroll")), scrollId,
                WireValues.text(body, "file_name").filter(n -> !n.isBlank()), body);
    }

    /** One page of results in the Timesketch response shape (§10.4). */
    public Map<String, Object> page(ExploreQuery query) {
        List<String> storeFields = storeFields(query.fields());
        SearchRequest request = query.request().toBuilder().fields(storeFields).build();
        // The histogram of a first page is a second pass over the matches: it runs beside the search.
        // Later pages (a scroll or an offset, as the table loads them while scrolling) skip it.
        FutureTask<AggregationResult> histogram = null;
        if (!query.continuation() && query.request().from() == 0) {
            SearchRequest unpaged = unpaged(query);
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
        return store.stream(unpaged(query));
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
        } else if (store.aggregate(unpaged(query), new Aggregation.Terms(Event.TIMELINE_ID, query.shownAs().size()))
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

    private Map<String, List<Timeline>> select(SketchAccess access, JsonNode indices) {
        Map<String, List<Timeline>> searchable = searchableTimelines(access.sketchId());
        boolean all = indices == null || indices.isNull()
                || (indices.isString() && indices.asString().equals("_all"))
                || (indices.isArray() && (indices.isEmpty() || containsAll(indices)));
        Map<String, List<Timeline>> selected = new LinkedHashMap<>();
        if (all) {
            selected.putAll(searchable);
        } else {
            List<JsonNode> items = new ArrayList<>();
            if (indices.isArray()) {
                indices.forEach(items::add);
            } else {
                items.add(indices);
            }
            for (JsonNode item : items) {
                String text = item.asString().trim();
                searchable.forEach((index, list) -> {
                    for (Timeline t : list) {
                        boolean match = text.equals(String.valueOf(t.id())) || text.equalsIgnoreCase(t.name())
                                || text.equals(index);
                        if (match) {
                            List<Timeline> chosen = selected.computeIfAbsent(index, k -> new ArrayList<>());
                            if (!chosen.contains(t)) {
                                chosen.add(t);
                            }
                        }
                    }
                });
            }
        }
        if (selected.isEmpty()) {
            throw ApiException.badRequest("No valid search indices were found to perform the search on.");
        }
        return selected;
    }

    private static boolean containsAll(JsonNode array) {
        for (JsonNode item : array) {
            if ("_all".equals(item.asString())) {
                return true;
            }
        }
        return false;
    }

    /** The DSL: a JSON object or a string holding one; Timesketch's label search becomes a label filter. */
    private void dsl(SketchAccess access, JsonNode node, SearchRequest.Builder request, List<JsonNode> parts) {
        if (node == null || node.isNull()) {
            return;
        }
        JsonNode dsl = node;
        if (node.isString()) {
            String text = node.asString().trim();
            if (text.isEmpty() || text.equals("\"\"")) {
                return;
            }
            dsl = readJson(text, "dsl");
        }
        if (!dsl.isObject()) {
            throw ApiException.badRequest("dsl must be a JSON object.");
        }
        JsonNode query = dsl.has("query") ? dsl.get("query") : dsl;
        Optional<String> label = labelSearch(query, access.sketchId());
        if (label.isPresent()) {
            request.filter(new Filter.Label(access.sketchId(), label.get(), false));
            return;
        }
        if (!query.isEmpty()) {
            parts.add(query);
        }
    }

    /** The nested {@code timesketch_label} query of {@code Sketch.search_by_label}, for this sketch. */
    private static Optional<String> labelSearch(JsonNode query, long sketchId) {
        JsonNode nested = query.get("nested");
        if (nested == null || !Event.LABEL.equals(nested.path("path").asString(""))) {
            return Optional.empty();
        }
        String name = null;
        boolean sameSketch = false;
        for (JsonNode clause : nested.path("query").path("bool").path("must")) {
            JsonNode term = clause.path("term");
            if (term.has(Event.LABEL + ".name")) {
                name = term.get(Event.LABEL + ".name").asString();
            }
            if (term.has(Event.LABEL + ".sketch_id")) {
                sameSketch = term.get(Event.LABEL + ".sketch_id").asLong() == sketchId;
            }
        }
        return name != null && sameSketch ? Optional.of(name) : Optional.empty();
    }

    private List<String> fields(JsonNode body, JsonNode filter) {
        List<String> fields = new ArrayList<>();
        Optional<String> top = WireValues.text(body, "fields").filter(f -> !f.isBlank());
        if (top.isPresent()) {
            for (String field : top.get().split(",")) {
                if (!field.isBlank() && !fields.contains(field.trim())) {
                    fields.add(field.trim());
                }
            }
        } else if (filter.has("fields") && filter.get("fields").isArray()) {
            for (JsonNode field : filter.get("fields")) {
                String name = field.isObject() ? field.path("field").asString("") : field.asString();
                if (!name.isBlank() && !fields.contains(name)) {
                    fields.add(name);
                }
            }
        }
        // "*" is every field, whatever else the list names (the client sends "*,datetime").
        return fields.contains("*") ? List.of() : fields;
    }

    private JsonNode readJson(String text, String what) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw ApiException.badRequest(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The hits of a search without paging (export and bulk jobs). */
    public SearchRequest unpaged(ExploreQuery query) {
        return query.request().toBuilder().from(0).after((SearchAfter) null).build();
    }
}
