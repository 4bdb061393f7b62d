package org.timesmith.server.aggregation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
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
 * Saved aggregations and aggregation groups (§13.3, §13.4): create, update, delete, their wire
 * models, and running them again. Callers have done the permission check; every lookup is by
 * sketch, so ids of another sketch (aggregations, views, group members) are not found.
 */
@Service
public class AggregationService {

    private static final int MAX_NAME = 255;
    private static final List<String> ORIENTATIONS = List.of("layer", "horizontal", "vertical");

    private final AggregationRepository repository;
    private final AggregationRunner runner;
    private final ViewService views;
    private final UserRepository users;
    private final ObjectMapper json;

    public AggregationService(AggregationRepository repository, AggregationRunner runner, ViewService views,
                              UserRepository users, ObjectMapper json) {
        this.repository = repository;
        this.runner = runner;
        this.views = views;
        this.users = users;
        this.json = json;
    }

    // ---- saved aggregations

    public List<SavedAggregation> list(SketchAccess access) {
        return repository.aggregations(access.sketchId());
    }

    public SavedAggregation get(SketchAccess access, long id) {
        return repository.aggregation(access.sketchId(), id)
                .orElseThrow(() -> ApiException.notFound("No aggregation with ID " + id + " in this sketch."));
    }

    public SavedAggregation create(SketchAccess access, JsonNode body) {
        JsonNode request = object(body);
        String aggType = aggType(request.get("agg_type"));
        return repository.create(access.sketchId(), access.user().id(), viewId(access, request.get("view_id")),
                name(request.get("name"), true), WireValues.text(request, "description").orElse(""), aggType,
                jsonText(request.get("parameters"), "parameters", "{}"),
                WireValues.text(request, "chart_type").orElse(""), labels(request.get("labels")));
    }

    public SavedAggregation update(SketchAccess access, long id, JsonNode body) {
        SavedAggregation old = get(access, id);
        JsonNode request = object(body);
        SavedAggregation updated = new SavedAggregation(old.id(), old.sketchId(), old.userId(),
                request.has("view_id") ? viewId(access, request.get("view_id")) : old.viewId(), old.groupId(),
                request.has("name") ? name(request.get("name"), true) : old.name(),
                request.has("description") ? WireValues.text(request, "description").orElse("") : old.description(),
                request.has("agg_type") ? aggType(request.get("agg_type")) : old.aggType(),
                request.has("parameters") ? jsonText(request.get("parameters"), "parameters", "{}") : old.parameters(),
                request.has("chart_type") ? WireValues.text(request, "chart_type").orElse("") : old.chartType(),
                request.has("labels") ? labels(request.get("labels")) : old.labelString(), old.createdAt(),
                old.updatedAt());
        repository.update(updated);
        return get(access, id);
    }

    public void delete(SketchAccess access, long id) {
        get(access, id);
        repository.delete(access.sketchId(), id);
    }

    /** Runs a saved aggregation again with its parameters, chart and saved search. */
    public AggregatorRun run(SketchAccess access, SavedAggregation aggregation) {
        return runner.run(access, aggregation.aggType(), read(aggregation.parameters(), "parameters"),
                Optional.of(aggregation.chartType()).filter(c -> !c.isBlank()), aggregation.viewId());
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

    // ---- groups

    public List<AggregationGroup> groups(SketchAccess access) {
        return repository.groups(access.sketchId());
    }

    public AggregationGroup group(SketchAccess access, long id) {
        return repository.group(access.sketchId(), id)
                .orElseThrow(() -> ApiException.notFound("No aggregation group with ID " + id + " in this sketch."));
    }

    public List<SavedAggregation> members(AggregationGroup group) {
        return repository.members(group.sketchId(), group.id());
    }

    public AggregationGroup createGroup(SketchAccess access, JsonNode body) {
        JsonNode request = object(body);
        List<Long> members = memberIds(access, request.get("aggregations"));
        AggregationGroup group = repository.createGroup(access.sketchId(), access.user().id(),
                name(request.get("name"), false), WireValues.text(request, "description").orElse(""),
                jsonText(request.get("parameters"), "parameters", "{}"), orientation(request.get("orientation")));
        repository.setMembers(access.sketchId(), group.id(), members);
        return group;
    }

    public AggregationGroup updateGroup(SketchAccess access, long id, JsonNode body) {
        AggregationGroup old = group(access, id);
        JsonNode request = object(body);
        if (request.has("aggregations")) {
            repository.setMembers(access.sketchId(), id, memberIds(access, request.get("aggregations")));
        }
        repository.updateGroup(new AggregationGroup(old.id(), old.sketchId(), old.userId(),
                request.has("name") ? name(request.get("name"), false) : old.name(),
                request.has("description") ? WireValues.text(request, "description").orElse("") : old.description(),
                request.has("parameters") ? jsonText(request.get("parameters"), "parameters", "{}") : old.parameters(),
                request.has("orientation") ? orientation(request.get("orientation")) : old.orientation(),
                old.createdAt(), old.updatedAt()));
        return group(access, id);
    }

    public void deleteGroup(SketchAccess access, long id) {
        group(access, id);
        repository.deleteGroup(access.sketchId(), id);
    }

    /** The flat list entry of {@code GET aggregation/group/}. */
    public Map<String, Object> groupSummary(AggregationGroup group) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", group.id());
        entry.put("name", group.name());
        entry.put("parameters", group.parameters());
        entry.put("orientation", group.orientation());
        entry.put("description", group.description());
        entry.put("agg_ids", json.writeValueAsString(members(group).stream().map(SavedAggregation::id).toList()));
        return entry;
    }

    /**
     * {@code GET aggregation/group/{id}/}: every member run again, one {@code aggregation_result}
     * per member, the group's fields merged into {@code objects[0]}, and the compound chart.
     */
    public Map<String, Object> runGroup(SketchAccess access, AggregationGroup group) {
        List<SavedAggregation> members = members(group);
        List<Map<String, Object>> objects = new ArrayList<>();
        List<Map<String, Object>> charts = new ArrayList<>();
        Map<String, Object> datasets = new LinkedHashMap<>();
        long took = 0;
        for (SavedAggregation member : members) {
            AggregatorRun run = run(access, member);
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

    // ---- request parsing

    private static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        return body;
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

    private List<Long> memberIds(SketchAccess access, JsonNode node) {
        List<Long> ids = new ArrayList<>();
        for (String text : WireValues.stringList(json, node, "aggregations")) {
            long id = WireValues.id(text, "aggregations");
            if (repository.aggregation(access.sketchId(), id).isEmpty()) {
                throw ApiException.badRequest("No aggregation with ID " + id + " in this sketch.");
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private String labels(JsonNode node) {
        List<String> labels = WireValues.stringList(json, node, "labels");
        return labels.isEmpty() ? "" : json.writeValueAsString(labels);
    }

    /** A JSON object given as an object or as a string holding one, stored as JSON text. */
    private String jsonText(JsonNode node, String what, String empty) {
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            return empty;
        }
        JsonNode value = node.isString() ? read(node.asString(), what) : node;
        if (!value.isObject()) {
            throw ApiException.badRequest(what + " must be a JSON object.");
        }
        return json.writeValueAsString(value);
    }

    private JsonNode read(String text, String what) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw ApiException.badRequest(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
