package org.timesmith.server.aggregation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.timesmith.server.api.ApiException;
import tools.jackson.databind.ObjectMapper;

/**
 * Vega-Lite v4 chart specs for aggregation results (§13.1 {@code meta.vega_spec}), shaped like
 * altair's {@code Chart.to_dict()} so the client's {@code Chart.from_json} loads them: a single
 * view with {@code mark}, {@code encoding}, {@code title} and the rows in {@code datasets} under a
 * content-hash name. Groups compose single views into {@code layer}, {@code hconcat} or
 * {@code vconcat}.
 */
public final class Charts {

    public static final Set<String> TYPES = Set.of("barchart", "hbarchart", "linechart", "circlechart", "table");
    static final String SCHEMA = "https://vega.github.io/schema/vega-lite/v4.17.0.json";

    private Charts() {
    }

    /** A complete single-view spec. */
    public static Map<String, Object> spec(ObjectMapper json, String chartType, List<Map<String, Object>> rows,
                                           Aggregator.Axis axis, String title) {
        Map<String, Object> datasets = new LinkedHashMap<>();
        Map<String, Object> view = view(json, chartType, rows, axis, title, datasets);
        return document(view, datasets);
    }

    /** A group's spec: the views side by side ({@code horizontal}), stacked ({@code vertical}) or layered. */
    public static Map<String, Object> compose(String orientation, List<Map<String, Object>> views,
                                              Map<String, Object> datasets, String title) {
        String operator = switch (orientation) {
            case "horizontal" -> "hconcat";
            case "vertical" -> "vconcat";
            default -> "layer";
        };
        Map<String, Object> composed = new LinkedHashMap<>();
        composed.put(operator, views);
        composed.put("title", title);
        if (operator.equals("layer")) {
            composed.put("resolve", Map.of("scale", Map.of("y", "independent")));
        }
        return document(composed, datasets);
    }

    /** One view without the document keys; its rows are added to {@code datasets}. */
    public static Map<String, Object> view(ObjectMapper json, String chartType, List<Map<String, Object>> rows,
                                           Aggregator.Axis axis, String title, Map<String, Object> datasets) {
        if (!TYPES.contains(chartType)) {
            throw ApiException.badRequest("Unknown chart type " + chartType + "; use one of " + String.join(", ",
                    TYPES.stream().sorted().toList()) + ".");
        }
        String dataName = "data-" + hash(json.writeValueAsBytes(rows));
        datasets.put(dataName, rows);
        Map<String, Object> category = channel(escape(axis.field()), axis.type());
        Map<String, Object> count = channel("count", "quantitative");
        Map<String, Object> encoding = new LinkedHashMap<>();
        Map<String, Object> mark = new LinkedHashMap<>();
        switch (chartType) {
            case "barchart" -> {
                mark.put("type", "bar");
                mark.put("strokeWidth", 0.3);
                encoding.put("x", sorted(category, "-y", axis));
                encoding.put("y", count);
            }
            case "hbarchart" -> {
                mark.put("type", "bar");
                mark.put("strokeWidth", 0.3);
                encoding.put("x", count);
                encoding.put("y", sorted(category, "-x", axis));
            }
            case "linechart" -> {
                mark.put("type", "line");
                mark.put("point", true);
                encoding.put("x", category);
                encoding.put("y", count);
            }
            case "circlechart" -> {
                mark.put("type", "arc");
                encoding.put("theta", count);
                encoding.put("color", category);
            }
            default -> {
                mark.put("type", "text");
                encoding.put("y", category);
                encoding.put("text", count);
            }
        }
        encoding.put("tooltip", List.of(category, count));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("data", Map.of("name", dataName));
        view.put("mark", mark);
        view.put("encoding", encoding);
        view.put("title", title);
        return view;
    }

    private static Map<String, Object> document(Map<String, Object> body, Map<String, Object> datasets) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("$schema", SCHEMA);
        spec.put("config", Map.of("view", Map.of("continuousWidth", 400, "continuousHeight", 300)));
        spec.putAll(body);
        spec.put("datasets", datasets);
        return spec;
    }

    private static Map<String, Object> channel(String field, String type) {
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("field", field);
        channel.put("type", type);
        return channel;
    }

    private static Map<String, Object> sorted(Map<String, Object> channel, String sort, Aggregator.Axis axis) {
        if (axis.type().equals("temporal")) {
            return channel;
        }
        Map<String, Object> copy = new LinkedHashMap<>(channel);
        copy.put("sort", sort);
        return copy;
    }

    /** Vega-Lite reads dots in a field name as nested access; event fields are flat names. */
    private static String escape(String field) {
        return field.replace(".", "\\.");
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }
}
