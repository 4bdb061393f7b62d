package org.timesmith.server.sketch;

import static org.timesmith.server.access.Permission.READ;
import static org.timesmith.server.access.Permission.WRITE;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
import tools.jackson.databind.JsonNode;

/** The sketch endpoints of §2.4, §2.5 and §3: list, create, get, update, delete, archive, ACL, attributes. */
@RestController
@RequestMapping("/api/v1/sketches")
class SketchController {

    private final CurrentUser currentUser;
    private final PermissionService permissions;
    private final SketchService service;
    private final SketchJson sketchJson;
    private final ObjectProvider<SketchExporter> exporter;

    SketchController(CurrentUser currentUser, PermissionService permissions, SketchService service,
                     SketchJson sketchJson, ObjectProvider<SketchExporter> exporter) {
        this.currentUser = currentUser;
        this.permissions = permissions;
        this.service = service;
        this.sketchJson = sketchJson;
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
        return Envelope.flat(sketchJson.listMeta(user, result),
                result.sketches().stream().map(sketchJson::listEntry).toList());
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
        Sketch changed = service.update(access, sketchJson.update(body));
        SketchAccess updated = new SketchAccess(changed, access.user(), access.permissions());
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
        return Envelope.metaOnly(sketchJson.archiveState(access));
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
        SketchAttribute attribute = sketchJson.attribute(body);
        return sketchJson.attributeResult(attribute, service.putAttribute(access, attribute));
    }

    @DeleteMapping("/{sketchId}/attribute")
    Object removeAttribute(@RequestBody(required = false) JsonNode body,
                           @ActiveSketchPermission(WRITE) SketchAccess access) {
        service.deleteAttribute(access, sketchJson.attributeKey(body));
        return 200;
    }

    @PostMapping("/{sketchId}/collaborators")
    Object collaborators(@RequestBody(required = false) JsonNode body,
                         @ActiveSketchPermission(WRITE) SketchAccess access) {
        service.changeCollaborators(access, sketchJson.collaborators(body));
        return 200;
    }

    /** Administrators may force-delete any sketch, including soft-deleted ones. */
    private SketchAccess adminAccess(User user, long id) {
        Sketch sketch = service.byId(id);
        return new SketchAccess(sketch, user, permissions.permissions(user, sketch));
    }
}
