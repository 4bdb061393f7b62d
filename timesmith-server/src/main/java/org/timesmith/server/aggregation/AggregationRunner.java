package org.timesmith.server.aggregation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Times;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.explore.ChipTimes;
import org.timesmith.server.explore.ExploreQueries;
import org.timesmith.server.view.ViewJson;
import org.timesmith.server.view.ViewService;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs aggregations over a sketch (§13.1, §13.2). The matches are chosen exactly as explore chooses
 * them: the request body (a saved search's query, filter and chips when {@code view_id} is given,
 * the {@code index} parameter as the timeline selection) goes through {@link ExploreQueries#parse},
 * so only this sketch's ready timelines are ever aggregated. Callers have checked read access.
 */
@Service
public class AggregationRunner {

    private final ExploreQueries queries;
    private final ViewService views;
    private final ViewJson viewJson;
    private final EventStore store;
    private final ObjectMapper json;

    public AggregationRunner(ExploreQueries queries, ViewService views, ViewJson viewJson, EventStore store,
                             ObjectMapper json) {
        this.queries = queries;
        this.views = views;
        this.viewJson = viewJson;
        this.store = store;
        this.json = json;
    }

    /** An aggregator run from the explore body ({@code aggregator_name}, {@code aggregator_parameters}, …). */
    public AggregatorRun run(SketchAccess access, String aggregatorName, JsonNode rawParameters,
                             Optional<String> chartType, Optional<Long> viewId) {
        Aggregator aggregator = Aggregator.named(aggregatorName)
                .orElseThrow(() -> ApiException.notFound("No aggregator named " + aggregatorName + "."));
        ObjectNode parameters = parameters(rawParameters);
        JsonNode index = parameters.remove("index");
        parameters.remove("chart_color");
        Optional<String> title = Optional.ofNullable(parameters.remove("chart_title"))
                .filter(JsonNode::isValueNode).map(JsonNode::asString).filter(t -> !t.isBlank());
        Optional<String> chart = firstChart(parameters.remove("supported_charts")).or(() -> chartType)
                .filter(c -> !c.isBlank());
        AggregatorParameters params = new AggregatorParameters(parameters);
        aggregator.validate(params);
        ObjectNode body = viewId.map(id -> viewJson.exploreBody(views.get(access, id)))
                .orElseGet(JsonNodeFactory.instance::objectNode);
        ObjectNode selectionBody = JsonNodeFactory.instance.objectNode();
        if (index != null && !index.isNull()) {
            filter(body).set("indices", index);
            filter(selectionBody).set("indices", index);
        }
        SearchRequest.Builder request = queries.parse(access, body).request().toBuilder().from(0).size(0);
        aggregator.queryString(params).ifPresent(q -> request.filter(new Filter.Query(q, false)));
        aggregator.timeRange(params).ifPresent(r -> request.filter(new Filter.TimeRange(r[0], r[1], false)));
        SearchRequest selection = queries.parse(access, selectionBody).request().toBuilder().from(0).size(0).build();
        long started = System.nanoTime();
        List<Map<String, Object>> rows = aggregator.run(new AggregationSource(store, request.build(), selection), params);
        long took = (System.nanoTime() - started) / 1_000_000;
        String chartTitle = title.orElseGet(() -> aggregator.title(params));
        Aggregator.Axis axis = aggregator.axis(params);
        Optional<Map<String, Object>> spec = chart.flatMap(c -> aggregator.chart(json, c, rows, params, chartTitle));
        return new AggregatorRun(aggregator, rows, chart, spec, axis, chartTitle, took);
    }

    /** The §13.1 response of a run. */
    public Map<String, Object> response(AggregatorRun run) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("method", "aggregator_run");
        meta.put("aggregator_class", "legacy");
        meta.put("chart_type", run.chartType().orElse(null));
        meta.put("name", run.aggregator().name());
        meta.put("description", run.aggregator().description());
        meta.put("es_time", run.tookMillis());
        run.vegaSpec().ifPresent(spec -> meta.put("vega_spec", spec));
        meta.put("vega_chart_title", run.title());
        Map<String, Object> buckets = new LinkedHashMap<>();
        buckets.put("buckets", run.rows());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", meta);
        body.put("objects", List.of(Map.of(run.aggregator().name(), buckets)));
        return body;
    }

    /**
     * A raw aggregation (§13.2): an OpenSearch search body with an optional {@code query} and named
     * {@code aggs} of type {@code terms}, {@code date_histogram} (fixed intervals) or {@code filters}
     * (query strings), answered in OpenSearch's response shape.
     */
    public Map<String, Object> runDsl(SketchAccess access, JsonNode rawDsl) {
        JsonNode dsl = rawDsl;
        if (rawDsl != null && rawDsl.isString()) {
            dsl = read(rawDsl.asString(), "aggregation_dsl");
        }
        if (dsl == null || !dsl.isObject()) {
            throw ApiException.badRequest("aggregation_dsl must be a JSON object with aggs.");
        }
        JsonNode aggs = dsl.has("aggs") ? dsl.get("aggs") : dsl.get("aggregations");
        if (aggs == null || !aggs.isObject() || aggs.isEmpty()) {
            throw ApiException.badRequest("aggregation_dsl has no aggs.");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (dsl.has("query")) {
            body.putObject("dsl").set("query", dsl.get("query"));
        }
        SearchRequest request = queries.parse(access, body).request().toBuilder().from(0).size(0).build();
        long started = System.nanoTime();
        Map<String, Object> results = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> named : aggs.properties()) {
            results.put(named.getKey(), dslAggregation(request, named.getKey(), named.getValue()));
        }
        long total = store.count(request);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("es_time", (System.nanoTime() - started) / 1_000_000);
        meta.put("es_total_count", Map.of("value", total, "relation", "eq"));
        meta.put("timed_out", false);
        meta.put("method", "aggregator_query");
        meta.put("max_score", null);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("meta", meta);
        response.put("objects", List.of(results));
        return response;
    }

    private Map<String, Object> dslAggregation(SearchRequest request, String name, JsonNode spec) {
        if (!spec.isObject() || spec.size() != 1) {
            throw ApiException.badRequest("Aggregation " + name + " must have exactly one type"
                    + " (terms, date_histogram or filters); sub-aggregations are not supported.");
        }
        Map.Entry<String, JsonNode> typed = spec.properties().iterator().next();
        JsonNode options = typed.getValue();
        Map<String, Object> out = new LinkedHashMap<>();
        switch (typed.getKey()) {
            case "terms" -> {
                String field = field(options, name);
                int size = options.has("size") ? (int) WireValues.id(options.get("size"), name + ".terms.size") : 10;
                if (size < 1 || size > Aggregator.MAX_TERMS) {
                    throw ApiException.badRequest(name + ".terms.size must be between 1 and " + Aggregator.MAX_TERMS + ".");
                }
                AggregationResult.Terms terms = (AggregationResult.Terms) aggregate(request,
                        new Aggregation.Terms(field, size));
                out.put("doc_count_error_upper_bound", 0);
                out.put("sum_other_doc_count", terms.otherCount());
                out.put("buckets", terms.buckets().stream().map(b -> Map.<String, Object>of("key", b.key(),
                        "doc_count", b.count())).toList());
            }
            case "date_histogram" -> {
                String field = field(options, name);
                if (!field.equals("datetime") && !field.equals("timestamp")) {
                    throw ApiException.badRequest(name + ": date_histogram works on datetime or timestamp, not " + field + ".");
                }
                long interval = interval(options, name);
                AggregationResult.DateHistogram histogram = (AggregationResult.DateHistogram) aggregate(request,
                        new Aggregation.DateHistogram(Optional.of(interval), Integer.MAX_VALUE));
                List<Map<String, Object>> buckets = new ArrayList<>();
                for (AggregationResult.TimeBucket bucket : histogram.buckets()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("key_as_string", Times.format(java.time.Instant.EPOCH.plus(bucket.startMicros(),
                            java.time.temporal.ChronoUnit.MICROS)) + "Z");
                    row.put("key", Math.floorDiv(bucket.startMicros(), 1000L));
                    row.put("doc_count", bucket.count());
                    buckets.add(row);
                }
                out.put("buckets", buckets);
            }
            case "filters" -> {
                JsonNode filters = options.get("filters");
                if (filters == null || !filters.isObject()) {
                    throw ApiException.badRequest(name + ".filters needs named filters.");
                }
                Map<String, String> queries = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> filter : filters.properties()) {
                    JsonNode query = filter.getValue().path("query_string").path("query");
                    if (!query.isString()) {
                        throw ApiException.badRequest(name + ".filters." + filter.getKey()
                                + " must be a query_string query.");
                    }
                    queries.put(filter.getKey(), query.asString());
                }
                AggregationResult.FilteredCounts counts = (AggregationResult.FilteredCounts) aggregate(request,
                        new Aggregation.FilteredCounts(queries));
                Map<String, Object> buckets = new LinkedHashMap<>();
                queries.keySet().forEach(k -> buckets.put(k, Map.of("doc_count", counts.counts().getOrDefault(k, 0L))));
                out.put("buckets", buckets);
            }
            default -> throw ApiException.badRequest("Aggregation type " + typed.getKey() + " of " + name
                    + " is not supported; use terms, date_histogram or filters.");
        }
        return out;
    }

    private AggregationResult aggregate(SearchRequest request, Aggregation aggregation) {
        return new AggregationSource(store, request, request).aggregate(request, aggregation);
    }

    private static ObjectNode filter(ObjectNode body) {
        return body.has("filter") && body.get("filter").isObject() ? (ObjectNode) body.get("filter")
                : body.putObject("filter");
    }

    private static String field(JsonNode options, String name) {
        String field = options.path("field").asString("");
        if (field.isBlank()) {
            throw ApiException.badRequest("Aggregation " + name + " needs a field.");
        }
        return field.endsWith(".keyword") ? field.substring(0, field.length() - ".keyword".length()) : field;
    }

    private static long interval(JsonNode options, String name) {
        for (String key : List.of("fixed_interval", "interval", "calendar_interval")) {
            String text = options.path(key).asString("").trim();
            if (text.isEmpty()) {
                continue;
            }
            String normal = switch (text) {
                case "second" -> "1s";
                case "minute" -> "1m";
                case "hour" -> "1h";
                case "day" -> "1d";
                case "week", "1w" -> "7d";
                default -> text;
            };
            long micros = ChipTimes.duration(normal);
            if (micros <= 0) {
                throw ApiException.badRequest(name + ": the interval must be positive.");
            }
            return micros;
        }
        throw ApiException.badRequest(name + ": date_histogram needs fixed_interval (a number and s, m, h or d).");
    }

    private ObjectNode parameters(JsonNode raw) {
        JsonNode node = raw;
        if (raw != null && raw.isString()) {
            node = raw.asString().isBlank() ? null : read(raw.asString(), "aggregator_parameters");
        }
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("aggregator_parameters must be a JSON object.");
        }
        return (ObjectNode) node.deepCopy();
    }

    private static Optional<String> firstChart(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isArray()) {
            Iterator<JsonNode> first = node.iterator();
            return first.hasNext() ? Optional.of(first.next().asString("")) : Optional.empty();
        }
        return Optional.of(node.asString(""));
    }

    private JsonNode read(String text, String what) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw ApiException.badRequest(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
