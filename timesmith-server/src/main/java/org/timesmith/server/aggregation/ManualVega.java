package org.timesmith.server.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.timesmith.server.api.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Timesketch's {@code manual_vega}: charts a Vega-Lite spec the caller made (an analyzer, a
 * notebook's altair chart) instead of aggregating events. The spec in {@code data} is checked to
 * be a self-contained Vega-Lite view: a spec that fetches data from a {@code url} is refused, so a
 * saved chart can never make a viewer's browser contact another server. Its rows are the rows of
 * its {@code datasets} (and inline {@code data.values}). Not listed, like Timesketch's: it has no
 * form.
 */
public record ManualVega() implements Aggregator {

    /** The most rows a spec may carry. */
    static final int MAX_ROWS = 100_000;
    private static final Set<String> VIEW_KEYS = Set.of("mark", "layer", "hconcat", "vconcat", "concat", "facet",
            "repeat", "spec");

    @Override
    public String name() {
        return "manual_vega";
    }

    @Override
    public String displayName() {
        return "Manual Vega-Spec Aggregation";
    }

    @Override
    public String description() {
        return "Aggregating values of a user supplied vega-spec";
    }

    @Override
    public List<Field> fields() {
        return List.of();
    }

    @Override
    public boolean listed() {
        return false;
    }

    private static JsonNode spec(AggregatorParameters parameters) {
        JsonNode data = parameters.values().get("data");
        if (data == null || data.isNull() || (data.isString() && data.asString().isBlank())) {
            throw ApiException.badRequest("manual_vega needs data: a Vega-Lite spec.");
        }
        if (!data.isObject() || data.isEmpty()) {
            throw ApiException.badRequest("manual_vega: data must be a Vega-Lite spec (a JSON object).");
        }
        if (VIEW_KEYS.stream().noneMatch(data::has)) {
            throw ApiException.badRequest("manual_vega: data is not a Vega-Lite spec; it has no mark or view"
                    + " composition (" + String.join(", ", VIEW_KEYS.stream().sorted().toList()) + ").");
        }
        refuseRemote(data, "data");
        JsonNode datasets = data.get("datasets");
        if (datasets != null && !datasets.isObject()) {
            throw ApiException.badRequest("manual_vega: datasets must map names to lists of rows.");
        }
        return data;
    }

    /** Refuses every {@code url} data source, wherever in the spec it is (layers, lookups, …). */
    private static void refuseRemote(JsonNode node, String path) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (entry.getKey().equals("url") && entry.getValue().isString()) {
                    throw ApiException.badRequest("manual_vega: the spec loads remote data (" + path
                            + ".url); give the rows inline in datasets or data.values instead.");
                }
                refuseRemote(entry.getValue(), path + "." + entry.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseRemote(node.get(i), path + "[" + i + "]");
            }
        }
    }

    @Override
    public void validate(AggregatorParameters parameters) {
        spec(parameters);
    }

    @Override
    public List<Map<String, Object>> run(AggregationSource source, AggregatorParameters parameters) {
        JsonNode spec = spec(parameters);
        List<JsonNode> tables = new ArrayList<>();
        JsonNode datasets = spec.get("datasets");
        if (datasets != null) {
            datasets.properties().forEach(named -> tables.add(named.getValue()));
        }
        tables.add(spec.path("data").path("values"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode table : tables) {
            if (table.isMissingNode()) {
                continue;
            }
            if (!table.isArray()) {
                throw ApiException.badRequest("manual_vega: every dataset must be a list of rows.");
            }
            for (JsonNode row : table) {
                if (rows.size() == MAX_ROWS) {
                    throw ApiException.badRequest("manual_vega: the spec has more than " + MAX_ROWS + " rows.");
                }
                rows.add(row.isObject() ? objectRow(row) : Map.of("value", row));
            }
        }
        return rows;
    }

    private static Map<String, Object> objectRow(JsonNode row) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        row.properties().forEach(e -> values.put(e.getKey(), e.getValue()));
        return values;
    }

    /** The caller's spec as given (Timesketch returns it whatever chart type was asked for), titled. */
    @Override
    public Optional<Map<String, Object>> chart(ObjectMapper json, String chartType, List<Map<String, Object>> rows,
                                               AggregatorParameters parameters, String title) {
        Map<String, Object> spec = new java.util.LinkedHashMap<>();
        spec(parameters).properties().forEach(e -> spec.put(e.getKey(), e.getValue()));
        spec.putIfAbsent("title", title);
        return Optional.of(spec);
    }

    @Override
    public Axis axis(AggregatorParameters parameters) {
        return new Axis("value", "nominal");
    }

    @Override
    public String title(AggregatorParameters parameters) {
        return parameters.text("title").orElse("Results From A Manual Vega Spec");
    }
}
