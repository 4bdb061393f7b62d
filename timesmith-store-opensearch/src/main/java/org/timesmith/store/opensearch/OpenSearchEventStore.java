package org.timesmith.store.opensearch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.core.search.HistogramIntervals;
import org.timesmith.core.search.SearchAfter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SearchResult;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStream;
import org.timesmith.core.store.StoreException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link EventStore} on an OpenSearch cluster, through the opensearch-java client. Indices get
 * Timesketch's mapping (see {@link IndexMapping}), so DSL queries written for Timesketch work
 * unchanged; queries, sorting, counting and aggregations are done by the cluster. Totals are exact
 * ({@code track_total_hits}), streams use a point in time with {@code search_after}, updates by
 * query use {@code update_by_query} with idempotent painless scripts, and the bulk writer applies
 * back-pressure and retries rejected bulks. Beyond the SPI it can adopt an index that already exists
 * in the cluster ({@link #adoptIndex}) and split a stream into slices read in parallel
 * ({@link #streamSlices}).
 */
public final class OpenSearchEventStore implements EventStore {

    private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9_.\\-]{0,199}");
    /** OpenSearch's default index.max_result_window; deeper pages go through {@code after} or streams. */
    static final int MAX_RESULT_WINDOW = 10_000;
    static final int MAX_BUCKETS = 65_536;
    private static final String KEEP_ALIVE = "5m";
    private static final TypeReference<Map<String, Object>> SOURCE = new TypeReference<>() {
    };

    private final OpenSearchStoreConfig config;
    private final ClusterClient client;
    private final QueryStringLimit queryStringLimit;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<OpenSearchBulkWriter> writers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public OpenSearchEventStore(OpenSearchStoreConfig config) {
        this.config = config;
        this.client = new ClusterClient(config);
        this.queryStringLimit = new QueryStringLimit(client);
    }

    // ---- names ----

    private String clusterIndex(String index) {
        if (index == null || !INDEX_NAME.matcher(index).matches()) {
            throw new IllegalArgumentException("invalid index name '" + index
                    + "': use lowercase letters, digits, '_', '-', '.', starting with a letter or digit");
        }
        return config.indexPrefix() + index;
    }

    private String path(Collection<String> indices) {
        if (indices.isEmpty()) {
            throw new IllegalArgumentException("a search needs at least one index");
        }
        return "/" + new LinkedHashSet<>(indices).stream().map(this::clusterIndex).map(ClusterClient::encode)
                .collect(Collectors.joining(","));
    }

    private String storeIndex(String clusterIndex) {
        return clusterIndex.startsWith(config.indexPrefix())
                ? clusterIndex.substring(config.indexPrefix().length()) : clusterIndex;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the event store is closed");
        }
    }

    // ---- indices ----

    @Override
    public void createIndex(String index) {
        ensureOpen();
        ClusterClient.Reply reply = client.call("create index " + index, "PUT", path(List.of(index)), Map.of(),
                IndexMapping.createIndexBody(config.shards(), config.replicas()), Set.of(400));
        if (reply.ok()) {
            return;
        }
        if (!reply.errorType().equals("resource_already_exists_exception")) {
            throw ClusterClient.failure("create index " + index, reply);
        }
        mapOwnFields(index);
    }

    /**
     * Adds the fields Timesmith writes to an index that exists already (another tool may have
     * made it) where its mapping lacks them, so that events Timesmith rewrites there (a timeline
     * id stamped, a label) stay sortable and filterable. Fields already mapped are left as they are.
     */
    private void mapOwnFields(String index) {
        for (Map.Entry<String, JsonNode> mapping : mappings(List.of(index)).entrySet()) {
            ObjectNode missing = IndexMapping.ownFieldsMissingFrom(mapping.getValue());
            if (!missing.isEmpty()) {
                ObjectNode body = ClusterClient.JSON.createObjectNode();
                body.set("properties", missing);
                client.call("mapping of Timesmith's fields in " + mapping.getKey(), "PUT",
                        "/" + ClusterClient.encode(mapping.getKey()) + "/_mapping", body);
            }
        }
    }

    @Override
    public boolean indexExists(String index) {
        ensureOpen();
        return client.call("index exists " + index, "HEAD", path(List.of(index)), Map.of(), null, Set.of(404)).ok();
    }

    @Override
    public void closeIndex(String index) {
        ensureOpen();
        client.call("close index " + index, "POST", path(List.of(index)) + "/_close", Map.of(), null, Set.of(404));
    }

    @Override
    public void openIndex(String index) {
        ensureOpen();
        client.call("open index " + index, "POST", path(List.of(index)) + "/_open", Map.of(), null, Set.of(404));
    }

    @Override
    public boolean indexClosed(String index) {
        ensureOpen();
        ClusterClient.Reply reply = client.call("index state " + index, "GET", "/_cat/indices" + path(List.of(index)),
                Map.of("format", "json", "h", "status"), null, Set.of(404));
        return reply.ok() && reply.body().path(0).path("status").asString("").equals("close");
    }

    @Override
    public void deleteIndex(String index) {
        ensureOpen();
        client.call("delete index " + index, "DELETE", path(List.of(index)), Map.of(), null, Set.of(404));
    }

    /**
     * Checks that an index that already exists in the cluster (made by Timesketch, plaso's psort or
     * another tool) can be searched as a timeline: it must map {@code message}, {@code timestamp}
     * and {@code datetime}, the latter as a date. Nothing is changed in the index. Its events have
     * no Timesmith id field, so among events with equal timestamps their order is the cluster's.
     *
     * @param clusterIndexName the name in the cluster, which must start with the configured prefix
     * @return the name to use with this store
     * @throws UnsuitableIndexException listing everything that is missing or mistyped
     * @throws StoreException           when the index does not exist
     */
    public String adoptIndex(String clusterIndexName) {
        ensureOpen();
        if (!clusterIndexName.startsWith(config.indexPrefix())) {
            throw new IllegalArgumentException("index " + clusterIndexName + " is outside this store's prefix '"
                    + config.indexPrefix() + "'");
        }
        String name = storeIndex(clusterIndexName);
        Map<String, JsonNode> mappings = mappings(List.of(name));
        List<String> problems = new ArrayList<>();
        mappings.forEach((index, mapping) -> problems.addAll(IndexMapping.adoptionProblems(index, mapping)));
        if (!problems.isEmpty()) {
            throw new UnsuitableIndexException(problems);
        }
        return name;
    }

    /** Each concrete index's {@code mappings} object, keyed by cluster index name. */
    private Map<String, JsonNode> mappings(Collection<String> indices) {
        JsonNode reply = client.call("mapping of " + indices, "GET", path(indices) + "/_mapping", null).body();
        Map<String, JsonNode> byIndex = new LinkedHashMap<>();
        reply.properties().forEach(e -> byIndex.put(e.getKey(), e.getValue().path("mappings")));
        return byIndex;
    }

    // ---- writing ----

    @Override
    public BulkWriter bulkWriter(String index) {
        ensureOpen();
        if (!indexExists(index)) {
            throw new StoreException("no such index: " + index);
        }
        OpenSearchBulkWriter[] self = new OpenSearchBulkWriter[1];
        self[0] = new OpenSearchBulkWriter(client, index, clusterIndex(index), config, senders,
                () -> writers.remove(self[0]));
        writers.add(self[0]);
        return self[0];
    }

    @Override
    public void refresh(String index) {
        ensureOpen();
        client.call("refresh of " + index, "POST", path(List.of(index)) + "/_refresh", null);
    }

    // ---- reading ----

    private ObjectNode query(SearchRequest request) {
        request.query().ifPresent(queryStringLimit::allow);
        if (!RequestBodies.needsMappings(request)) {
            return RequestBodies.query(request, field -> field);
        }
        Map<String, JsonNode> mappings = mappings(request.indices());
        return RequestBodies.query(request, field -> IndexMapping.exactField(mappings, field));
    }

    private StoredEvent storedEvent(JsonNode hit) {
        Map<String, Object> source = hit.has("_source")
                ? ClusterClient.JSON.convertValue(hit.path("_source"), SOURCE) : new LinkedHashMap<>();
        return new StoredEvent(storeIndex(hit.path("_index").asString()), hit.path("_id").asString(), source);
    }

    private static SearchAfter cursor(JsonNode hit) {
        JsonNode sort = hit.path("sort");
        String id = sort.path(1).isNull() || sort.path(1).isMissingNode() ? hit.path("_id").asString()
                : sort.path(1).asString();
        return new SearchAfter(sort.path(0).asLong(), id);
    }

    private ObjectNode searchBody(SearchRequest request) {
        ObjectNode body = ClusterClient.JSON.createObjectNode();
        body.set("query", query(request));
        body.set("sort", RequestBodies.sort(request.order()));
        body.set("_source", RequestBodies.source(request.fields()));
        request.after().ifPresent(after -> body.set("search_after", RequestBodies.searchAfter(after)));
        return body;
    }

    @Override
    public SearchResult search(SearchRequest request) {
        ensureOpen();
        long started = System.nanoTime();
        long window = (long) request.from() + request.size();
        if (window > MAX_RESULT_WINDOW) {
            throw new IllegalArgumentException("from + size must not exceed " + MAX_RESULT_WINDOW
                    + "; page with 'after' or stream the results instead");
        }
        ObjectNode body = searchBody(request);
        // one hit more than asked tells whether there is a next page
        boolean probe = request.size() > 0 && window < MAX_RESULT_WINDOW;
        body.put("from", request.from()).put("size", request.size() + (probe ? 1 : 0)).put("track_total_hits", true);
        JsonNode reply = client.call("search in " + request.indices(), "POST", path(request.indices()) + "/_search",
                body).body();
        long total = reply.path("hits").path("total").path("value").asLong();
        List<JsonNode> found = new ArrayList<>();
        reply.path("hits").path("hits").forEach(found::add);
        List<StoredEvent> hits = new ArrayList<>();
        int end = Math.min(found.size(), request.size());
        for (int i = 0; i < end; i++) {
            hits.add(storedEvent(found.get(i)));
        }
        boolean more = probe ? found.size() > end : request.size() > 0 && end == request.size();
        Optional<SearchAfter> next = more && end > 0 ? Optional.of(cursor(found.get(end - 1))) : Optional.empty();
        return new SearchResult(total, hits, next, (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public long count(SearchRequest request) {
        ensureOpen();
        ObjectNode body = ClusterClient.JSON.createObjectNode();
        body.set("query", query(request));
        return client.call("count in " + request.indices(), "POST", path(request.indices()) + "/_count", body)
                .body().path("count").asLong();
    }

    @Override
    public Optional<StoredEvent> get(String index, String eventId) {
        ensureOpen();
        ClusterClient.Reply reply = client.call("get " + eventId + " from " + index, "GET",
                path(List.of(index)) + "/_doc/" + ClusterClient.encode(eventId),
                Map.of("_source_excludes", IndexMapping.EVENT_ID), null, Set.of(404));
        if (!reply.ok()) {
            if (reply.body().path("found").isBoolean()) {
                return Optional.empty();
            }
            throw ClusterClient.failure("get " + eventId + " from " + index, reply);
        }
        return Optional.of(storedEvent(reply.body()));
    }

    @Override
    public EventStream stream(SearchRequest request) {
        return streamSlices(request, 1).getFirst();
    }

    /**
     * Every match split into {@code slices} disjoint streams over one point in time, to be read in
     * parallel (exports, analyzers): together they return each match exactly once; each is in the
     * request's order within itself, but there is no order across slices. Close every one of them
     * (the point in time is released with the last).
     */
    public List<EventStream> streamSlices(SearchRequest request, int slices) {
        ensureOpen();
        if (slices < 1) {
            throw new IllegalArgumentException("slices must be at least 1, got " + slices);
        }
        ObjectNode template = searchBody(request);
        JsonNode opened = client.call("open a point in time on " + request.indices(), "POST",
                path(request.indices()) + "/_search/point_in_time", Map.of("keep_alive", KEEP_ALIVE), null, Set.of())
                .body();
        PointInTimeStream.SharedPit pit = new PointInTimeStream.SharedPit(client, opened.path("pit_id").asString(),
                KEEP_ALIVE, slices);
        List<EventStream> streams = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            ObjectNode body = template.deepCopy();
            if (slices > 1) {
                body.putObject("slice").put("id", i).put("max", slices);
            }
            streams.add(new PointInTimeStream(client, pit, body, this::storedEvent));
        }
        return List.copyOf(streams);
    }

    // ---- aggregations ----

    private JsonNode aggregations(SearchRequest request, ObjectNode query, ObjectNode aggs) {
        ObjectNode body = ClusterClient.JSON.createObjectNode();
        body.set("query", query);
        body.put("size", 0).put("track_total_hits", true);
        body.set("aggs", aggs);
        return client.call("aggregation in " + request.indices(), "POST", path(request.indices()) + "/_search", body)
                .body().path("aggregations");
    }

    @Override
    public AggregationResult aggregate(SearchRequest request, Aggregation aggregation) {
        ensureOpen();
        return switch (aggregation) {
            case Aggregation.Terms terms -> terms(request, terms);
            case Aggregation.DateHistogram histogram -> dateHistogram(request, histogram);
            case Aggregation.FilteredCounts filtered -> filteredCounts(request, filtered);
        };
    }

    private AggregationResult.Terms terms(SearchRequest request, Aggregation.Terms terms) {
        if (terms.size() < 1) {
            throw new IllegalArgumentException("terms aggregation size must be at least 1, got " + terms.size());
        }
        Map<String, JsonNode> mappings = mappings(request.indices());
        ObjectNode aggs = ClusterClient.JSON.createObjectNode();
        ObjectNode spec = aggs.putObject("values").putObject("terms");
        spec.put("field", IndexMapping.exactField(mappings, terms.field())).put("size", terms.size());
        ArrayNode order = spec.putArray("order");
        order.addObject().put("_count", "desc");
        order.addObject().put("_key", "asc");
        request.query().ifPresent(queryStringLimit::allow);
        JsonNode result = aggregations(request, RequestBodies.query(request,
                field -> IndexMapping.exactField(mappings, field)), aggs).path("values");
        List<AggregationResult.TermBucket> buckets = new ArrayList<>();
        for (JsonNode bucket : result.path("buckets")) {
            JsonNode key = bucket.path("key");
            String text = key.isIntegralNumber() ? Long.toString(key.asLong())
                    : key.isNumber() ? Double.toString(key.asDouble()) : key.asString();
            buckets.add(new AggregationResult.TermBucket(text, bucket.path("doc_count").asLong()));
        }
        return new AggregationResult.Terms(buckets, result.path("sum_other_doc_count").asLong());
    }

    private AggregationResult.DateHistogram dateHistogram(SearchRequest request, Aggregation.DateHistogram histogram) {
        if (histogram.intervalMicros().isPresent() && histogram.intervalMicros().get() < 1) {
            throw new IllegalArgumentException("histogram interval must be positive, got "
                    + histogram.intervalMicros().get());
        }
        if (histogram.intervalMicros().isEmpty() && histogram.maxBuckets() < 1) {
            throw new IllegalArgumentException("histogram maxBuckets must be at least 1, got " + histogram.maxBuckets());
        }
        ObjectNode query = query(request);
        ObjectNode rangeAggs = ClusterClient.JSON.createObjectNode();
        rangeAggs.putObject("min").putObject("min").put("field", Event.TIMESTAMP);
        rangeAggs.putObject("max").putObject("max").put("field", Event.TIMESTAMP);
        JsonNode range = aggregations(request, query, rangeAggs);
        if (!range.path("min").path("value").isNumber()) {
            return new AggregationResult.DateHistogram(
                    histogram.intervalMicros().orElse(HistogramIntervals.ROUND_INTERVALS_MICROS.getFirst()), List.of());
        }
        long min = range.path("min").path("value").asLong();
        long max = range.path("max").path("value").asLong();
        long interval = histogram.intervalMicros()
                .orElseGet(() -> HistogramIntervals.choose(min, max, histogram.maxBuckets()));
        long bucketCount = HistogramIntervals.bucketCount(min, max, interval);
        if (bucketCount > MAX_BUCKETS) {
            throw new IllegalArgumentException("date histogram would have " + bucketCount + " buckets (at most "
                    + MAX_BUCKETS + "); choose a wider interval");
        }
        ObjectNode aggs = ClusterClient.JSON.createObjectNode();
        aggs.putObject("buckets").putObject("histogram").put("field", Event.TIMESTAMP).put("interval", interval)
                .put("min_doc_count", 0);
        List<AggregationResult.TimeBucket> buckets = new ArrayList<>();
        for (JsonNode bucket : aggregations(request, query, aggs).path("buckets").path("buckets")) {
            buckets.add(new AggregationResult.TimeBucket(HistogramIntervals.bucketStart(
                    (long) Math.floor(bucket.path("key").asDouble()), interval), bucket.path("doc_count").asLong()));
        }
        return new AggregationResult.DateHistogram(interval, buckets);
    }

    private AggregationResult.FilteredCounts filteredCounts(SearchRequest request, Aggregation.FilteredCounts filtered) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (filtered.queries().isEmpty()) {
            return new AggregationResult.FilteredCounts(counts);
        }
        ObjectNode aggs = ClusterClient.JSON.createObjectNode();
        ObjectNode filters = aggs.putObject("named").putObject("filters").putObject("filters");
        filtered.queries().values().forEach(queryStringLimit::allow);
        filtered.queries().forEach((name, queryString) -> filters.set(name,
                queryString.isBlank() ? RequestBodies.matchAll() : RequestBodies.queryString(queryString)));
        JsonNode buckets = aggregations(request, query(request), aggs).path("named").path("buckets");
        filtered.queries().keySet().forEach(name -> counts.put(name, buckets.path(name).path("doc_count").asLong()));
        return new AggregationResult.FilteredCounts(counts);
    }

    // ---- updates ----

    @Override
    public long update(String index, Collection<String> eventIds, EventUpdate update) {
        ensureOpen();
        String target = clusterIndex(index);
        byte[] script = ClusterClient.JSON.writeValueAsBytes(ClusterClient.JSON.createObjectNode()
                .set("script", UpdateScripts.script(update)));
        List<String> ids = List.copyOf(new LinkedHashSet<>(eventIds));
        long updated = 0;
        for (int start = 0; start < ids.size(); start += PointInTimeStream.PAGE) {
            List<String> chunk = ids.subList(start, Math.min(ids.size(), start + PointInTimeStream.PAGE));
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            for (String id : chunk) {
                body.writeBytes(("{\"update\":{\"_id\":" + ClusterClient.JSON.writeValueAsString(id)
                        + ",\"retry_on_conflict\":5}}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                body.writeBytes(script);
                body.write('\n');
            }
            ClusterClient.Reply reply;
            try {
                reply = client.sendNdjson("/" + ClusterClient.encode(target) + "/_bulk", Map.of(), body.toByteArray());
            } catch (java.io.IOException e) {
                throw new StoreException("update in " + index + " failed: the cluster did not answer: "
                        + e.getMessage(), e);
            }
            if (!reply.ok()) {
                throw ClusterClient.failure("update in " + index, reply);
            }
            for (JsonNode item : reply.body().path("items")) {
                JsonNode result = item.path("update");
                int status = result.path("status").asInt();
                if (status >= 200 && status < 300) {
                    updated++;
                } else if (status != 404 || !result.path("error").path("type").asString("")
                        .equals("document_missing_exception")) {
                    throw new StoreException("update of event " + result.path("_id").asString() + " in " + index
                            + " failed: " + result.path("error").path("type").asString("status " + status) + " "
                            + result.path("error").path("reason").asString(""));
                }
            }
        }
        return updated;
    }

    /** Rounds of a by-query operation after version conflicts (its scripts are idempotent). */
    private static final int CONFLICT_ROUNDS = 5;

    @Override
    public long updateByQuery(SearchRequest request, EventUpdate update) {
        ensureOpen();
        ObjectNode body = ClusterClient.JSON.createObjectNode();
        body.set("query", query(request));
        body.set("script", UpdateScripts.script(update));
        long matched = -1;
        for (int round = 0; round < CONFLICT_ROUNDS; round++) {
            JsonNode reply = byQuery("update by query in " + request.indices(),
                    path(request.indices()) + "/_update_by_query", body);
            if (matched < 0) {
                matched = reply.path("total").asLong();
            }
            if (reply.path("version_conflicts").asLong() == 0) {
                return matched;
            }
        }
        throw new StoreException("update by query in " + request.indices() + " kept conflicting with concurrent "
                + "writes after " + CONFLICT_ROUNDS + " rounds; run it again");
    }

    private JsonNode byQuery(String what, String endpoint, ObjectNode body) {
        JsonNode reply = client.call(what, "POST", endpoint,
                Map.of("conflicts", "proceed", "refresh", "true", "slices", "auto"), body, Set.of()).body();
        JsonNode failures = reply.path("failures");
        if (failures.isArray() && !failures.isEmpty()) {
            JsonNode first = failures.path(0);
            throw new StoreException(what + " failed for " + failures.size() + " events, first "
                    + first.path("id").asString() + ": " + first.path("cause").path("type").asString() + " "
                    + first.path("cause").path("reason").asString());
        }
        return reply;
    }

    @Override
    public long deleteTimeline(String index, long timelineId) {
        ensureOpen();
        ObjectNode body = ClusterClient.JSON.createObjectNode();
        body.putObject("query").putObject("term").put(Event.TIMELINE_ID, timelineId);
        long deleted = 0;
        for (int round = 0; round < CONFLICT_ROUNDS; round++) {
            JsonNode reply = byQuery("delete of timeline " + timelineId + " in " + index,
                    path(List.of(index)) + "/_delete_by_query", body);
            deleted += reply.path("deleted").asLong();
            if (reply.path("version_conflicts").asLong() == 0) {
                return deleted;
            }
        }
        throw new StoreException("delete of timeline " + timelineId + " in " + index + " kept conflicting with "
                + "concurrent writes after " + CONFLICT_ROUNDS + " rounds; run it again");
    }

    @Override
    public SortedSet<String> fieldNames(Collection<String> indices) {
        ensureOpen();
        return IndexMapping.fieldNames(mappings(indices));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        RuntimeException failure = null;
        for (OpenSearchBulkWriter writer : List.copyOf(writers)) {
            try {
                writer.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        closed = true;
        senders.shutdown();
        client.close();
        if (failure != null) {
            throw failure;
        }
    }
}
