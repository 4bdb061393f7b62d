package org.timesmith.server.explore;

import static org.timesmith.server.access.Permission.READ;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.access.SketchPermission;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Envelope;
import org.timesmith.store.opensearch.OpenSearchQueries;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/sketches/{id}/explore/query/}: the query DSL an explore body turns into
 * (Timesketch's QueryResource), as {@code {"objects": [dsl], "meta": {}}}; nothing is searched.
 * The body is parsed exactly as explore parses it, so the answer is the request that would run.
 */
@RestController
class QueryDslController {

    private final ExploreQueries queries;

    QueryDslController(ExploreQueries queries) {
        this.queries = queries;
    }

    @PostMapping("/api/v1/sketches/{sketchId}/explore/query")
    Map<String, Object> query(@RequestBody(required = false) JsonNode body,
                              @SketchPermission(READ) SketchAccess access) {
        ExploreQuery query = queries.parse(access, body);
        try {
            return Envelope.flat(Map.of(), List.of(OpenSearchQueries.searchBody(query.request())));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
