package org.timesmith.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The result of running an aggregator in a sketch: buckets as a {@link Table} and the server's
 * Vega-Lite chart spec; {@link #save(String, String)} stores it in the sketch so stories can
 * show it.
 */
public final class Aggregation {

    private final Sketch sketch;
    private final String aggregatorName;
    private final Map<String, Object> parameters;
    private final JsonNode answer;
    private Optional<Long> savedId = Optional.empty();
    private String name = "";
    private String description = "";

    private Aggregation(Sketch sketch, String aggregatorName, Map<String, Object> parameters, JsonNode answer) {
        this.sketch = sketch;
        this.aggregatorName = aggregatorName;
        this.parameters = parameters;
        this.answer = answer;
    }

    static Aggregation run(Sketch sketch, String aggregatorName, Map<String, Object> parameters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("aggregator_name", aggregatorName);
        body.put("aggregator_parameters", parameters);
        body.put("chart_type", chartType(parameters));
        body.put("view_id", null);
        String path = sketch.path() + "aggregation/explore/";
        JsonNode answer;
        try {
            answer = sketch.session().post(path, body);
        } catch (NotFoundException e) {
            throw new NotFoundException("No aggregator " + aggregatorName + " in sketch " + sketch.id() + ": "
                    + e.getMessage());
        }
        return new Aggregation(sketch, aggregatorName, new LinkedHashMap<>(parameters), answer);
    }

    static Aggregation fromSaved(Sketch sketch, long id) {
        String path = sketch.path() + "aggregation/" + id + "/";
        JsonNode saved;
        try {
            saved = Json.first(sketch.session().get(path), "GET " + path);
        } catch (NotFoundException e) {
            throw new NotFoundException("Aggregation " + id + " not found in sketch " + sketch.id() + ".");
        }
        Map<String, Object> parameters = Json.toMap(Json.embedded(saved.path("parameters")));
        Aggregation aggregation = run(sketch, saved.path("agg_type").asString(), parameters);
        aggregation.savedId = Optional.of(id);
        aggregation.name = saved.path("name").asString("");
        aggregation.description = saved.path("description").asString("");
        return aggregation;
    }

    private static String chartType(Map<String, Object> parameters) {
        Object charts = parameters.get("supported_charts");
        if (charts instanceof List<?> list && !list.isEmpty()) {
            return list.get(0).toString();
        }
        return charts == null ? null : charts.toString();
    }

    public String aggregatorName() {
        return aggregatorName;
    }

    public Map<String, Object> parameters() {
        return parameters;
    }

    public String chartType() {
        String chart = chartType(parameters);
        return chart != null ? chart : answer.path("meta").path("chart_type").asString("table");
    }

    public Optional<Long> id() {
        return savedId;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description.isEmpty() ? answer.path("meta").path("description").asString("") : description;
    }

    public String title() {
        return answer.path("meta").path("vega_chart_title").asString("");
    }

    /** One row per bucket, with {@code bucket_name} set to the aggregation it came from. */
    public Table table() {
        List<Map<String, Object>> rows = new ArrayList<>();
        answer.path("objects").forEach(o -> collectBuckets(o, rows));
        return Table.fromMaps(rows);
    }

    private static void collectBuckets(JsonNode node, List<Map<String, Object>> rows) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode buckets = entry.getValue().path("buckets");
            if (buckets.isArray()) {
                for (JsonNode bucket : buckets) {
                    Map<String, Object> row = Json.toMap(bucket);
                    row.put("bucket_name", entry.getKey());
                    rows.add(row);
                }
            } else {
                collectBuckets(entry.getValue(), rows);
            }
        }
    }

    /** The chart as a Vega-Lite JSON document, or empty when no chart type was asked for. */
    public Optional<String> vegaLiteSpec() {
        JsonNode spec = answer.path("meta").path("vega_spec");
        return spec.isObject() ? Optional.of(Json.write(spec)) : Optional.empty();
    }

    /** Saves (or updates) the aggregation in the sketch; returns its id. */
    public long save(String newName, String newDescription) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", newName);
        body.put("description", newDescription);
        body.put("agg_type", aggregatorName);
        body.put("parameters", parameters);
        body.put("chart_type", chartType());
        String path = sketch.path() + "aggregation/" + savedId.map(id -> id + "/").orElse("");
        JsonNode saved = Json.first(sketch.session().post(path, body), "POST " + path);
        savedId = Optional.of(saved.path("id").asLong());
        name = newName;
        description = newDescription;
        return savedId.get();
    }

    public void delete() {
        savedId.ifPresent(id -> sketch.session().delete(sketch.path() + "aggregation/" + id + "/"));
        savedId = Optional.empty();
    }
}
