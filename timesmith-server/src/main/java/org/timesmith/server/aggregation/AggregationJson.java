package org.timesmith.server.aggregation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.view.ViewService;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Saved aggregations and groups on the wire (§13.3, §13.4): the fields of a create or update body
 * (a {@code view_id} must name a saved search of the sketch, 404 otherwise), the aggregation model,
 * a group's list entry, and a group run again as one compound chart.
 */
@Component
public class AggregationJson {

    private static final int MAX_NAME = 255;
    private static final List<String> ORIENTATIONS = List.of("layer", "horizontal", "vertical");

    private final AggregationService service;
    private final ViewService views;
    private final UserRepository users;
    private final ObjectMapper json;

    AggregationJson(AggregationService service, ViewService views, UserRepository users, ObjectMapper json) {
        this.service = service;
        this.views = views;
        this.users = users;
        this.json = json;
    }

    /** The fields of a new saved aggregation; 400 for a body that is not an object or a bad field. */
    public AggregationFields fields(SketchAccess access, JsonNode body) {
        JsonNode request = WireValues.object(body);
        String aggType = aggType(request.get("agg_type"));
        Optional<Long> viewId = viewId(access, request.get("view_id"));
        String name = name(request.get("name"), true);
        String description = WireValues.text(request, "description").orElse("");
        String parameters = jsonText(request.get("parameters"), "parameters");
        String chartType = WireValues.text(request, "chart_type").orElse("");
        return new AggregationFields(viewId, name, description, aggType, parameters, chartType,
                WireValues.labelString(json, request.get("labels")));
    }

    /** The fields of a saved aggregation after an update: those the body carries, the others as they were. */
    AggregationFields fields(SketchAccess access, JsonNode body, SavedAggregation old) {
        JsonNode request = WireValues.object(body);
        Optional<Long> viewId = request.has("view_id") ? viewId(access, request.get("view_id")) : old.viewId();
        String name = request.has("name") ? name(request.get("name"), true) : old.name();
        String description = request.has("description")
                ? WireValues.text(request, "description").orElse("") : old.description();
        String aggType = request.has("agg_type") ? aggType(request.get("agg_type")) : old.aggType();
        String parameters = request.has("parameters")
                ? jsonText(request.get("parameters"), "parameters") : old.parameters();
        String chartType = request.has("chart_type")
                ? WireValues.text(request, "chart_type").orElse("") : old.chartType();
        String labels = request.has("labels") ? WireValues.labelString(json, request.get("labels")) : old.labelString();
        return new AggregationFields(viewId, name, description, aggType, parameters, chartType, labels);
    }

    public Map<String, Object> model(SavedAggregation a) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", a.id());
        model.put("name", a.name());
        model.put("description", a.description());
        model.put("agg_type", a.aggType());
        model.put("parameters", a.parameters());
        model.put("chart_type", a.chartType());
        model.put("label_string", a.labelString());
        model.put("user", users.byId(a.userId()).map(User::toJson).orElseGet(LinkedHashMap::new));
        model.put("aggregationgroup_id", a.groupId().orElse(null));
        model.put("view_id", a.viewId().orElse(null));
        model.put("sketch_id", a.sketchId());
        model.put("created_at", a.createdAt());
        model.put("updated_at", a.updatedAt());
        return model;
    }

    /** The flat list entry of {@code GET aggregation/group/}. */
    public Map<String, Object> groupSummary(AggregationGroup group) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", group.id());
        entry.put("name", group.name());
        entry.put("parameters", group.parameters());
        entry.put("orientation", group.orientation());
        entry.put("description", group.description());
        entry.put("agg_ids", json.writeValueAsString(service.members(group).stream().map(SavedAggregation::id).toList()));
        return entry;
    }

    /**
     * {@code GET aggregation/group/{id}/}: every member run again, one {@code aggregation_result}
     * per member, the group's fields merged into {@code objects[0]}, and the compound chart.
     */
    Map<String, Object> runGroup(SketchAccess access, AggregationGroup group) {
        List<SavedAggregation> members = service.members(group);
        List<Map<String, Object>> objects = new ArrayList<>();
        List<Map<String, Object>> charts = new ArrayList<>();
        Map<String, Object> datasets = new LinkedHashMap<>();
        long took = 0;
        for (SavedAggregation member : members) {
            AggregatorRun run = service.run(access, member);
            took += run.tookMillis();
            String key = member.name().isBlank() ? member.aggType() : member.name();
            Map<String, Object> buckets = new LinkedHashMap<>();
            buckets.put("buckets", run.rows());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("aggregation_result", Map.of(key, buckets));
            objects.add(result);
            charts.add(Charts.view(json, run.chartType().orElse("barchart"), run.rows(), run.axis(), run.title(),
                    datasets));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", group.id());
        fields.put("name", group.name());
        fields.put("description", group.description());
        fields.put("parameters", group.parameters());
        fields.put("orientation", group.orientation());
        fields.put("user", users.byId(group.userId()).map(User::toJson).orElseGet(LinkedHashMap::new));
        fields.put("created_at", group.createdAt());
        fields.put("updated_at", group.updatedAt());
        fields.put("aggregations", members.stream().map(this::model).toList());
        fields.put("agg_ids", members.stream().map(SavedAggregation::id).toList());
        if (objects.isEmpty()) {
            objects.add(new LinkedHashMap<>());
        }
        objects.get(0).putAll(fields);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("method", "aggregator_group");
        meta.put("chart_type", "compound: " + group.orientation());
        meta.put("name", group.name());
        meta.put("description", group.description());
        meta.put("es_time", took);
        meta.put("vega_spec", Charts.compose(group.orientation(), charts, datasets, group.name()));
        meta.put("vega_chart_title", group.name());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", meta);
        body.put("objects", objects);
        return body;
    }

    /** The fields of a new group; 400 for a body that is not an object or a bad field. */
    GroupFields groupFields(JsonNode body) {
        JsonNode request = WireValues.object(body);
        return new GroupFields(name(request.get("name"), false), WireValues.text(request, "description").orElse(""),
                jsonText(request.get("parameters"), "parameters"), orientation(request.get("orientation")),
                Optional.of(memberIds(request.get("aggregations"))));
    }

    /** The fields of a group after an update: those the body carries, the others as they were. */
    GroupFields groupFields(JsonNode body, AggregationGroup old) {
        JsonNode request = WireValues.object(body);
        String name = request.has("name") ? name(request.get("name"), false) : old.name();
        String description = request.has("description")
                ? WireValues.text(request, "description").orElse("") : old.description();
        String parameters = request.has("parameters")
                ? jsonText(request.get("parameters"), "parameters") : old.parameters();
        String orientation = request.has("orientation") ? orientation(request.get("orientation")) : old.orientation();
        Optional<List<Long>> members = request.has("aggregations")
                ? Optional.of(memberIds(request.get("aggregations"))) : Optional.empty();
        return new GroupFields(name, description, parameters, orientation, members);
    }

    /** Names may be empty for aggregations: the client saves a fresh run with {@code "name": ""}. */
    private static String name(JsonNode node, boolean emptyAllowed) {
        String name = node == null || node.isNull() ? "" : node.asString("").trim();
        if (name.isEmpty() && !emptyAllowed) {
            throw ApiException.badRequest("A name is required.");
        }
        if (name.length() > MAX_NAME) {
            throw ApiException.badRequest("A name is at most " + MAX_NAME + " characters.");
        }
        return name;
    }

    private static String orientation(JsonNode node) {
        String orientation = node == null || node.isNull() ? "layer" : node.asString("").trim();
        if (orientation.isEmpty()) {
            orientation = "layer";
        }
        if (!ORIENTATIONS.contains(orientation)) {
            throw ApiException.badRequest("orientation must be layer, horizontal or vertical.");
        }
        return orientation;
    }

    /** The ids of a group's {@code aggregations} (a list or a string holding one), in order, each once. */
    private List<Long> memberIds(JsonNode node) {
        List<Long> ids = new ArrayList<>();
        for (String text : WireValues.stringList(json, node, "aggregations")) {
            long id = WireValues.id(text, "aggregations");
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** A JSON object given as an object or as a string holding one, stored as JSON text ({@code {}} for none). */
    private String jsonText(JsonNode node, String what) {
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            return "{}";
        }
        JsonNode value = node;
        if (node.isString()) {
            try {
                value = json.readTree(node.asString());
            } catch (JacksonException e) {
                throw ApiException.badRequest(what + " is not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (!value.isObject()) {
            throw ApiException.badRequest(what + " must be a JSON object.");
        }
        return json.writeValueAsString(value);
    }

    private static String aggType(JsonNode node) {
        String type = node == null || node.isNull() ? "" : node.asString("").trim();
        if (Aggregator.named(type).isEmpty()) {
            throw ApiException.badRequest("agg_type must be one of " + String.join(", ",
                    Aggregator.all().stream().map(Aggregator::name).toList()) + "; got \"" + type + "\".");
        }
        return type;
    }

    private Optional<Long> viewId(SketchAccess access, JsonNode node) {
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            return Optional.empty();
        }
        long id = WireValues.id(node, "view_id");
        views.get(access, id);
        return Optional.of(id);
    }
}
