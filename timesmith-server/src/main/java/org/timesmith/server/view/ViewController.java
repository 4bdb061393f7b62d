package org.timesmith.server.view;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.auth.CurrentUser;
import org.timesmith.server.sketch.Permission;
import org.timesmith.server.sketch.PermissionService;
import org.timesmith.server.sketch.SketchAccess;
import tools.jackson.databind.JsonNode;

/** The saved-search endpoints of §5: list, create, get, update and delete a sketch's views. */
@RestController
@RequestMapping("/api/v1/sketches/{sketchId}/views")
public class ViewController {

    private final CurrentUser currentUser;
    private final PermissionService permissions;
    private final ViewService views;

    public ViewController(CurrentUser currentUser, PermissionService permissions, ViewService views) {
        this.currentUser = currentUser;
        this.permissions = permissions;
        this.views = views;
    }

    @GetMapping
    Map<String, Object> list(@PathVariable("sketchId") long sketchId) {
        SketchAccess access = permissions.require(currentUser.get(), sketchId, Permission.READ);
        return Envelope.nested(Map.of("sketch_id", sketchId), views.list(access).stream().map(views::model).toList());
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@PathVariable("sketchId") long sketchId,
                                               @RequestBody(required = false) JsonNode body) {
        SketchAccess access = permissions.requireActive(currentUser.get(), sketchId, Permission.WRITE);
        SavedView view = views.create(access, body);
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.single(Map.of(), views.model(view)));
    }

    @GetMapping("/{viewId}")
    Map<String, Object> get(@PathVariable("sketchId") long sketchId, @PathVariable("viewId") long viewId) {
        SketchAccess access = permissions.require(currentUser.get(), sketchId, Permission.READ);
        return Envelope.single(Map.of("sketch_id", sketchId), views.model(views.get(access, viewId)));
    }

    @PostMapping("/{viewId}")
    ResponseEntity<Map<String, Object>> update(@PathVariable("sketchId") long sketchId,
                                               @PathVariable("viewId") long viewId,
                                               @RequestBody(required = false) JsonNode body) {
        SketchAccess access = permissions.requireActive(currentUser.get(), sketchId, Permission.WRITE);
        SavedView view = views.update(access, viewId, body);
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.single(Map.of(), views.model(view)));
    }

    @DeleteMapping("/{viewId}")
    int delete(@PathVariable("sketchId") long sketchId, @PathVariable("viewId") long viewId) {
        SketchAccess access = permissions.requireActive(currentUser.get(), sketchId, Permission.WRITE);
        views.delete(access, viewId);
        return 200;
    }
}
