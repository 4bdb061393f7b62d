package org.timesmith.server.explore;

import static org.timesmith.server.access.Permission.READ;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.access.SketchPermission;
import org.timesmith.server.api.ApiException;

/**
 * The current user's search history in a sketch: {@code searchhistory/} lists the latest distinct
 * searches as {@code {"objects": [node, ...], "meta": {}}}, {@code searchhistorytree/} answers
 * {@code {"objects": [tree], "meta": {"last_node_id": id}}} with each node's {@code children}.
 */
@RestController
class SearchHistoryController {

    private final SearchHistoryService history;

    SearchHistoryController(SearchHistoryService history) {
        this.history = history;
    }

    @GetMapping("/api/v1/sketches/{sketchId}/searchhistory")
    Map<String, Object> recent(@RequestParam(name = "limit", required = false) String limit,
                               @RequestParam(name = "question", required = false) String question,
                               @SketchPermission(READ) SketchAccess access) {
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
    Map<String, Object> tree(@SketchPermission(READ) SketchAccess access) {
        Map<String, Object> meta = new LinkedHashMap<>();
        Map<String, Object> tree = history.tree(access, meta);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("objects", List.of(tree));
        body.put("meta", meta);
        return body;
    }
}
