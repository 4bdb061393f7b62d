package org.timesmith.server.view;

import static org.timesmith.server.access.Permission.READ;
import static org.timesmith.server.access.Permission.WRITE;

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
import org.timesmith.server.access.ActiveSketchPermission;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.access.SketchPermission;
import org.timesmith.server.api.Envelope;
import tools.jackson.databind.JsonNode;

/** The saved-search endpoints of §5: list, create, get, update and delete a sketch's views. */
@RestController
@RequestMapping("/api/v1/sketches/{sketchId}/views")
class ViewController {

    private final ViewService views;
    private final ViewJson viewJson;

    ViewController(ViewService views, ViewJson viewJson) {
        this.views = views;
        this.viewJson = viewJson;
    }

    @GetMapping
    Map<String, Object> list(@SketchPermission(READ) SketchAccess access) {
        return Envelope.nested(Map.of("sketch_id", access.sketchId()),
                views.list(access).stream().map(viewJson::model).toList());
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body,
                                               @ActiveSketchPermission(WRITE) SketchAccess access) {
        SavedView view = views.create(access, viewJson.fields(body));
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.single(Map.of(), viewJson.model(view)));
    }

    @GetMapping("/{viewId}")
    Map<String, Object> get(@PathVariable("viewId") long viewId, @SketchPermission(READ) SketchAccess access) {
        return Envelope.single(Map.of("sketch_id", access.sketchId()), viewJson.model(views.get(access, viewId)));
    }

    @PostMapping("/{viewId}")
    ResponseEntity<Map<String, Object>> update(@PathVariable("viewId") long viewId,
                                               @RequestBody(required = false) JsonNode body,
                                               @ActiveSketchPermission(WRITE) SketchAccess access) {
        SavedView old = views.get(access, viewId);
        SavedView view = views.update(access, old, viewJson.fields(body, old));
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.single(Map.of(), viewJson.model(view)));
    }

    @DeleteMapping("/{viewId}")
    int delete(@PathVariable("viewId") long viewId, @ActiveSketchPermission(WRITE) SketchAccess access) {
        views.delete(access, viewId);
        return 200;
    }
}
