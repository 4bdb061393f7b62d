package org.timesmith.server.sketch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.access.Permission;
import org.timesmith.server.access.Sketch;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.LabelChange;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.timeline.SearchIndex;
import org.timesmith.server.timeline.Timeline;
import org.timesmith.server.timeline.TimelineJson;
import org.timesmith.server.timeline.TimelineRepository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The sketch on the wire: the sketch resource of §3.1 (the model in {@code objects[0]} and the
 * sketch's {@code meta}), the list entries and paging of §2.4, the archive state, and the request
 * bodies of an update, an ACL change and an attribute decoded into typed values (Python booleans,
 * lists sent as JSON text) so that {@link SketchService} sees none of those quirks.
 */
@Component
public class SketchJson {

    private final SketchRepository sketches;
    private final UserRepository users;
    private final TimelineRepository timelines;
    private final TimelineJson timelineJson;
    private final EventStore store;
    private final ObjectMapper json;
    private final ObjectProvider<SketchResourceContributor> contributors;

    public SketchJson(SketchRepository sketches, UserRepository users, TimelineRepository timelines,
                      TimelineJson timelineJson, @Lazy EventStore store, ObjectMapper json,
                      ObjectProvider<SketchResourceContributor> contributors) {
        this.sketches = sketches;
        this.users = users;
        this.timelines = timelines;
        this.timelineJson = timelineJson;
        this.store = store;
        this.json = json;
        this.contributors = contributors;
    }

    /** An update body: the label change and the rename it carries; 400 for a malformed labels list. */
    SketchUpdate update(JsonNode body) {
        JsonNode request = body == null ? JsonNodeFactory.instance.objectNode() : body;
        Optional<LabelChange> labels = request.has("labels") || request.has("label_action")
                ? Optional.of(WireValues.labelChange(json, request)) : Optional.empty();
        Optional<SketchUpdate.Rename> rename = request.has("name") || request.has("description")
                ? Optional.of(new SketchUpdate.Rename(WireValues.text(request, "name"),
                        WireValues.text(request, "description")))
                : Optional.empty();
        return new SketchUpdate(labels, rename);
    }

    /** A collaborators body (§3.6); every list may come as a list or as a string holding one. */
    CollaboratorChange collaborators(JsonNode body) {
        JsonNode request = body == null ? JsonNodeFactory.instance.objectNode() : body;
        return new CollaboratorChange(
                WireValues.stringList(json, request.get("users"), "users"),
                WireValues.stringList(json, request.get("groups"), "groups"),
                WireValues.stringList(json, request.get("remove_users"), "remove_users"),
                WireValues.stringList(json, request.get("remove_groups"), "remove_groups"),
                WireValues.bool(request.get("public")),
                WireValues.stringList(json, request.get("permissions"), "permissions"));
    }

    /** An attribute body (§3.7) with its values. */
    SketchAttribute attribute(JsonNode body) {
        return new SketchAttribute(WireValues.text(body, "name").orElse(""), ontology(body),
                WireValues.stringList(json, body == null ? null : body.get("values"), "values"));
    }

    /** The attribute a delete names: its name and ontology; any values in the body are not read. */
    SketchAttribute attributeKey(JsonNode body) {
        return new SketchAttribute(WireValues.text(body, "name").orElse(""), ontology(body), List.of());
    }

    private static String ontology(JsonNode body) {
        return WireValues.text(body, "ontology").orElse("text");
    }

    /** The answer to setting an attribute: what was done and the attribute as stored. */
    Map<String, Object> attributeResult(SketchAttribute attribute, boolean created) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("action", created ? "create" : "update");
        result.put("name", attribute.name());
        result.put("ontology", attribute.ontology());
        result.put("values", attribute.values());
        return result;
    }

    /** The short entry of a sketch in a listing (§2.4). */
    Map<String, Object> listEntry(Sketch sketch) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", sketch.id());
        item.put("name", sketch.name());
        item.put("description", sketch.description());
        item.put("created_at", sketch.createdAt());
        item.put("last_activity", sketch.lastActivity());
        item.put("user", users.byId(sketch.userId()).map(User::username).orElse(""));
        item.put("status", sketch.status());
        return item;
    }

    /** The {@code meta} of a listing: who asks and Flask-SQLAlchemy's paging fields. */
    Map<String, Object> listMeta(User user, SketchService.Page page) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("current_user", user.username());
        boolean hasNext = page.page() < page.totalPages();
        boolean hasPrev = page.page() > 1;
        meta.put("has_next", hasNext);
        meta.put("has_prev", hasPrev);
        meta.put("next_page", hasNext ? page.page() + 1 : null);
        meta.put("prev_page", hasPrev ? page.page() - 1 : null);
        meta.put("current_page", page.page());
        meta.put("total_pages", page.totalPages());
        meta.put("total_items", page.total());
        return meta;
    }

    /** The archive state of §3.2: whether the sketch is archived and, per index, whether its timeline is. */
    Map<String, Object> archiveState(SketchAccess access) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("is_archived", access.sketch().archived());
        meta.put("sketch_id", access.sketchId());
        meta.put("sketch_name", access.sketch().name());
        Map<String, Object> byIndex = new LinkedHashMap<>();
        for (Timeline timeline : timelines.timelines(access.sketchId())) {
            SearchIndex index = timelines.index(timeline.searchIndexId()).orElseThrow();
            byIndex.put(index.indexName(), Timeline.ARCHIVED.equals(timeline.status()));
        }
        meta.put("timelines", byIndex);
        return meta;
    }

    /** The sketch model ({@code sketch_fields}) as the user sees it. */
    public Map<String, Object> model(SketchAccess access) {
        Sketch sketch = access.sketch();
        List<Timeline> all = timelines.timelines(sketch.id());
        List<Map<String, Object>> timelineModels = new ArrayList<>();
        List<Map<String, Object>> active = new ArrayList<>();
        for (Timeline timeline : all) {
            Map<String, Object> model = timelineJson.timeline(timeline);
            timelineModels.add(model);
            if (Timeline.READY.equals(timeline.status())) {
                active.add(model);
            }
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", sketch.id());
        model.put("name", sketch.name());
        model.put("description", sketch.description());
        model.put("user", users.byId(sketch.userId()).map(User::toJson).orElseGet(LinkedHashMap::new));
        model.put("timelines", timelineModels);
        model.put("active_timelines", active);
        model.put("graphs", List.of());
        model.put("label_string", sketch.labelString());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", sketch.id());
        status.put("status", sketch.status());
        status.put("created_at", sketch.createdAt());
        status.put("updated_at", sketch.updatedAt());
        model.put("status", List.of(status));
        model.put("all_permissions", write(allPermissions(sketch)));
        List<String> mine = new ArrayList<>(access.permissions().stream().sorted().map(Permission::wireName).toList());
        if (access.user().admin()) {
            mine.add("admin");
        }
        model.put("my_permissions", write(mine));
        model.put("created_at", sketch.createdAt());
        model.put("updated_at", sketch.updatedAt());
        return model;
    }

    /** The {@code meta} of the sketch resource, with every feature's contribution. */
    public Map<String, Object> meta(SketchAccess access) {
        Sketch sketch = access.sketch();
        List<Timeline> all = timelines.timelines(sketch.id());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("aggregators", new LinkedHashMap<>());
        meta.put("views", List.of());
        meta.put("stories", List.of());
        meta.put("searchtemplates", List.of());
        meta.put("emojis", new LinkedHashMap<>());
        Map<String, Object> permissions = new LinkedHashMap<>();
        permissions.put("public", sketch.isPublic());
        permissions.put("read", access.can(Permission.READ));
        permissions.put("write", access.can(Permission.WRITE));
        permissions.put("delete", access.can(Permission.DELETE));
        meta.put("permissions", permissions);
        meta.put("collaborators", collaborators(sketch));
        meta.put("attributes", attributes(sketch.id()));
        List<String> indexNames = new ArrayList<>();
        Map<String, Object> indicesMetadata = new LinkedHashMap<>();
        Map<String, Object> stats = new LinkedHashMap<>();
        Map<Long, Set<Long>> shownIds = timelines.eventTimelineIds(all.stream().map(Timeline::id).toList());
        for (Timeline timeline : all) {
            SearchIndex index = timelines.index(timeline.searchIndexId()).orElseThrow();
            // A soft-deleted sketch's indices are closed (an administrator may still look at it).
            if (!store.indexExists(index.indexName()) || (sketch.deleted() && store.indexClosed(index.indexName()))) {
                stats.put(String.valueOf(timeline.id()), Map.of("count", 0));
                continue;
            }
            if (!indexNames.contains(index.indexName())) {
                indexNames.add(index.indexName());
            }
            indicesMetadata.put(index.indexName(), Map.of("is_legacy", false));
            long count = store.count(SearchRequest.builder(index.indexName())
                    .filter(new Filter.Timelines(shownIds.get(timeline.id()), false)).build());
            stats.put(String.valueOf(timeline.id()), Map.of("count", count));
        }
        meta.put("mappings", indexNames.isEmpty() ? List.of() : store.fieldNames(indexNames).stream()
                .map(f -> Map.of("field", f, "type", "text")).toList());
        meta.put("indices_metadata", indicesMetadata);
        meta.put("stats_per_timeline", stats);
        meta.put("last_activity", sketch.lastActivity());
        meta.put("sketch_labels", WireValues.labels(json, sketch.labelString()));
        meta.put("filter_labels", List.of());
        meta.put("supports_wildcard", false);
        contributors.orderedStream().forEach(c -> c.contribute(access, meta));
        return meta;
    }

    /** {@code {"user/dev": ["read", ...], "group/x": [...], "is_public": false}}. */
    public Map<String, Object> allPermissions(Sketch sketch) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (SketchRepository.AclEntry entry : sketches.acl(sketch.id())) {
            String name = "user".equals(entry.principalType())
                    ? users.byId(entry.principalId()).map(u -> "user/" + u.username()).orElse(null)
                    : users.groupById(entry.principalId()).map(g -> "group/" + g.name()).orElse(null);
            if (name != null) {
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) all.computeIfAbsent(name, k -> new ArrayList<String>());
                list.add(entry.permission());
            }
        }
        all.put("is_public", sketch.isPublic());
        return all;
    }

    private Map<String, Object> collaborators(Sketch sketch) {
        List<String> userNames = new ArrayList<>();
        List<String> groupNames = new ArrayList<>();
        for (SketchRepository.AclEntry entry : sketches.acl(sketch.id())) {
            if ("user".equals(entry.principalType()) && entry.principalId() != sketch.userId()) {
                users.byId(entry.principalId()).map(User::username)
                        .filter(n -> !userNames.contains(n)).ifPresent(userNames::add);
            } else if ("group".equals(entry.principalType())) {
                users.groupById(entry.principalId()).map(g -> g.name())
                        .filter(n -> !groupNames.contains(n)).ifPresent(groupNames::add);
            }
        }
        return Map.of("users", userNames, "groups", groupNames);
    }

    /** {@code {name: {"value": v, "ontology": o}}}; a single value is given as itself, several as a list. */
    public Map<String, Object> attributes(long sketchId) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (SketchRepository.Attribute attribute : sketches.attributes(sketchId)) {
            Object values = json.readValue(attribute.valuesJson(), Object.class);
            Object value = values instanceof List<?> list && list.size() == 1 ? list.get(0) : values;
            if ("intelligence".equals(attribute.ontology()) && value instanceof String text) {
                try {
                    value = json.readValue(text, Object.class);
                } catch (JacksonException e) {
                    // not JSON: kept as the text it is
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("value", value);
            entry.put("ontology", attribute.ontology());
            attributes.put(attribute.name(), entry);
        }
        return attributes;
    }

    private String write(Object value) {
        return json.writeValueAsString(value);
    }
}
