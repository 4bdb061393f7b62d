package org.timesmith.server.explore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.auth.CurrentUser;
import org.timesmith.server.sketch.Permission;
import org.timesmith.server.sketch.PermissionService;
import org.timesmith.server.sketch.SketchAccess;

/**
 * The current user's search history in a sketch: {@code searchhistory/} lists the latest distinct
 * searches as {@code {"objects": [node, ...], "meta": {}}}, {@code searchhistorytree/} answers
 * {@code {"objects": [tree], "meta": {"last_node_id": id}}} with each node's {@code children}.
 */
@RestController
public class SearchHistoryController {

    private final CurrentUser currentUser;
    private final PermissionService permissions;
    private final SearchHistoryService history;

    public SearchHistoryController(CurrentUser currentUser, PermissionService permissions,
                                   SearchHistoryService history) {
        this.currentUser = currentUser;
        this.permissions = permissions;
        this.history = history;
    }

    @GetMapping("/api/v1/sketches/{sketchId}/searchhistory")
    Map<String, Object> recent(@PathVariable("sketchId") long sketchId,
                               @RequestParam(name = "limit", required = false) String limit,
                               @RequestParam(name = "question", required = false) String question) {
        SketchAccess access = permissions.require(currentUser.get(), sketchId, Permission.READ);
        if (question != null && !question.isBlank()) {
            throw ApiException.notFound("No question found with this ID for this sketch.");
        }
        Optional<Integer> wanted;
        try {
            wanted = limit == null || limit.isBlank() ? Optional.empty() : Optional.of(Integer.parseInt(limit.trim()));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a number.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("objects", history.recent(access, wanted));
        body.put("meta", Map.of());
        return body;
    }

    @GetMapping("/api/v1/sketches/{sketchId}/searchhistorytree")
    Map<String, Object> tree(@PathVariable("sketchId") long sketchId) {
        SketchAccess access = permissions.require(currentUser.get(), sketchId, Permission.READ);
        Map<String, Object> meta = new LinkedHashMap<>();
        Map<String, Object> tree = history.tree(access, meta);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("objects", List.of(tree));
        body.put("meta", meta);
        return body;
    }
}
