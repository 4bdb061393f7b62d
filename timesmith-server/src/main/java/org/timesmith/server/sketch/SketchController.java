package org.timesmith.server.sketch;

import static org.timesmith.server.access.Permission.READ;
import static org.timesmith.server.access.Permission.WRITE;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.access.ActiveSketchPermission;
import org.timesmith.server.access.Permission;
import org.timesmith.server.access.PermissionService;
import org.timesmith.server.access.Sketch;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.access.SketchPermission;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.CurrentUser;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.timeline.SearchIndex;
import org.timesmith.server.timeline.Timeline;
import org.timesmith.server.timeline.TimelineRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** The sketch endpoints of §2.4, §2.5 and §3: list, create, get, update, delete, archive, ACL, attributes. */
@RestController
@RequestMapping("/api/v1/sketches")
class SketchController {

    private final CurrentUser currentUser;
    private final PermissionService permissions;
    private final SketchService service;
    private final SketchJson sketchJson;
    private final UserRepository users;
    private final TimelineRepository timelines;
    private final ObjectMapper json;
    private final ObjectProvider<SketchExporter> exporter;

    SketchController(CurrentUser currentUser, PermissionService permissions, SketchService service,
                     SketchJson sketchJson, UserRepository users, TimelineRepository timelines,
                     ObjectMapper json, ObjectProvider<SketchExporter> exporter) {
        this.currentUser = currentUser;
        this.permissions = permissions;
        this.service = service;
        this.sketchJson = sketchJson;
        this.users = users;
        this.timelines = timelines;
        this.json = json;
        this.exporter = exporter;
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(name = "scope", defaultValue = "user") String scope,
                             @RequestParam(name = "page", defaultValue = "1") int page,
                             @RequestParam(name = "per_page", defaultValue = "10") int perPage,
                             @RequestParam(name = "include_archived", defaultValue = "false") String includeArchived,
                             @RequestParam(name = "search_query", required = false) String searchQuery) {
        User user = currentUser.get();
        SketchService.Page result = service.list(user, scope, page, perPage, WireValues.bool(includeArchived),
                searchQuery);
        List<Map<String, Object>> objects = result.sketches().stream().map(s -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", s.id());
            item.put("name", s.name());
            item.put("description", s.description());
            item.put("created_at", s.createdAt());
            item.put("last_activity", s.lastActivity());
            item.put("user", users.byId(s.userId()).map(User::username).orElse(""));
            item.put("status", s.status());
            return item;
        }).toList();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("current_user", user.username());
        boolean hasNext = result.page() < result.totalPages();
        boolean hasPrev = result.page() > 1;
        meta.put("has_next", hasNext);
        meta.put("has_prev", hasPrev);
        meta.put("next_page", hasNext ? result.page() + 1 : null);
        meta.put("prev_page", hasPrev ? result.page() - 1 : null);
        meta.put("current_page", result.page());
        meta.put("total_pages", result.totalPages());
        meta.put("total_items", result.total());
        return Envelope.flat(meta, objects);
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body) {
        User user = currentUser.get();
        Sketch sketch = service.create(user, WireValues.text(body, "name").orElse(null),
                WireValues.text(body, "description").orElse(""));
        SketchAccess access = permissions.require(user, sketch.id(), Permission.READ);
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.single(sketchJson.meta(access),
                sketchJson.model(access)));
    }

    @GetMapping("/{sketchId}")
    Map<String, Object> get(@SketchPermission(READ) SketchAccess access) {
        return Envelope.single(sketchJson.meta(access), sketchJson.model(access));
    }

    @PostMapping("/{sketchId}")
    ResponseEntity<Map<String, Object>> update(@RequestBody(required = false) JsonNode body,
                                               @ActiveSketchPermission(WRITE) SketchAccess access) {
        JsonNode request = body == null ? JsonNodeFactory.instance.objectNode() : body;
        if (request.has("labels") || request.has("label_action")) {
            service.changeLabels(access, WireValues.stringList(json, request.get("labels"), "labels"),
                    WireValues.text(request, "label_action").orElse(null));
        }
        if (request.has("name") || request.has("description")) {
            service.update(access, WireValues.text(request, "name").orElse(null),
                    WireValues.text(request, "description").orElse(null));
        }
        SketchAccess updated = permissions.require(access.user(), access.sketchId(), Permission.READ);
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.single(sketchJson.meta(updated),
                sketchJson.model(updated)));
    }

    @DeleteMapping("/{sketchId}")
    Object delete(@PathVariable("sketchId") long id, @RequestParam(name = "force", defaultValue = "false") String force) {
        User user = currentUser.get();
        boolean forced = WireValues.bool(force);
        if (forced) {
            permissions.requireAdmin(user);
        }
        SketchAccess access = forced ? adminAccess(user, id) : permissions.require(user, id, Permission.READ);
        service.delete(access, forced);
        return 200;
    }

    @GetMapping("/{sketchId}/archive")
    Map<String, Object> archiveState(@SketchPermission(READ) SketchAccess access) {
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
        return Envelope.metaOnly(meta);
    }

    @PostMapping("/{sketchId}/archive")
    Object archiveAction(@RequestBody(required = false) JsonNode body, HttpServletResponse response,
                         @SketchPermission(READ) SketchAccess access) throws IOException {
        String action = WireValues.text(body, "action").orElse("");
        switch (action) {
            case "archive" -> {
                service.archive(access);
                return Map.of("message", "Sketch " + access.sketchId() + " has been archived.");
            }
            case "unarchive" -> {
                service.unarchive(access);
                return Map.of("message", "Sketch " + access.sketchId() + " has been unarchived.");
            }
            case "export" -> {
                SketchExporter sketchExporter = exporter.getIfAvailable();
                if (sketchExporter == null) {
                    throw ApiException.badRequest("Sketch export is not available on this server yet.");
                }
                response.setStatus(200);
                response.setContentType("application/zip");
                response.setHeader("Content-Disposition", "attachment; filename=\"timesketch_export.zip\"");
                sketchExporter.export(access, response.getOutputStream());
                return null;
            }
            default -> throw ApiException.notFound("The action: [" + action + "] is not supported.");
        }
    }

    @PostMapping("/{sketchId}/attribute")
    Map<String, Object> addAttribute(@RequestBody(required = false) JsonNode body,
                                     @ActiveSketchPermission(WRITE) SketchAccess access) {
        String name = WireValues.text(body, "name").orElse(null);
        String ontology = WireValues.text(body, "ontology").orElse("text");
        List<String> values = WireValues.stringList(json, body == null ? null : body.get("values"), "values");
        String action = service.putAttribute(access, name, values, ontology);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("action", action);
        result.put("name", name);
        result.put("ontology", ontology);
        result.put("values", values);
        return result;
    }

    @DeleteMapping("/{sketchId}/attribute")
    Object removeAttribute(@RequestBody(required = false) JsonNode body,
                           @ActiveSketchPermission(WRITE) SketchAccess access) {
        service.deleteAttribute(access, WireValues.text(body, "name").orElse(""),
                WireValues.text(body, "ontology").orElse("text"));
        return 200;
    }

    @PostMapping("/{sketchId}/collaborators")
    Object collaborators(@RequestBody(required = false) JsonNode body,
                         @ActiveSketchPermission(WRITE) SketchAccess access) {
        JsonNode request = body == null ? JsonNodeFactory.instance.objectNode() : body;
        service.changeCollaborators(access,
                WireValues.stringList(json, request.get("users"), "users"),
                WireValues.stringList(json, request.get("groups"), "groups"),
                WireValues.stringList(json, request.get("remove_users"), "remove_users"),
                WireValues.stringList(json, request.get("remove_groups"), "remove_groups"),
                WireValues.bool(request.get("public")),
                WireValues.stringList(json, request.get("permissions"), "permissions"));
        return 200;
    }

    /** Administrators may force-delete any sketch, including soft-deleted ones. */
    private SketchAccess adminAccess(User user, long id) {
        Sketch sketch = service.byId(id);
        return new SketchAccess(sketch, user, permissions.permissions(user, sketch));
    }
}
