package org.timesmith.server.explore;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.auth.CurrentUser;
import org.timesmith.server.sketch.Permission;
import org.timesmith.server.sketch.PermissionService;
import org.timesmith.server.sketch.SketchAccess;
import org.timesmith.store.opensearch.OpenSearchQueries;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/sketches/{id}/explore/query/}: the query DSL an explore body turns into
 * (Timesketch's QueryResource), as {@code {"objects": [dsl], "meta": {}}}; nothing is searched.
 * The body is parsed exactly as explore parses it, so the answer is the request that would run.
 */
@RestController
public class QueryDslController {

    private final CurrentUser currentUser;
    private final PermissionService permissions;
    private final ExploreService explore;

    public QueryDslController(CurrentUser currentUser, PermissionService permissions, ExploreService explore) {
        this.currentUser = currentUser;
        this.permissions = permissions;
        this.explore = explore;
    }

    @PostMapping("/api/v1/sketches/{sketchId}/explore/query")
    Map<String, Object> query(@PathVariable("sketchId") long sketchId, @RequestBody(required = false) JsonNode body) {
        SketchAccess access = permissions.require(currentUser.get(), sketchId, Permission.READ);
        ExploreQuery query = explore.parse(access, body);
        try {
            return Envelope.flat(Map.of(), List.of(OpenSearchQueries.searchBody(query.request())));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
