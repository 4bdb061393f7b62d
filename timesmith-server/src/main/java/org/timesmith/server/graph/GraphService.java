package org.timesmith.server.graph;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * Saved graphs of a sketch: list, get, create, update, delete. Callers have done the permission
 * check; lookups are by sketch, so another sketch's graph id is simply not found.
 */
@Service
class GraphService {

    private final GraphRepository graphs;
    private final GraphJson graphJson;

    GraphService(GraphRepository graphs, GraphJson graphJson) {
        this.graphs = graphs;
        this.graphJson = graphJson;
    }

    List<SavedGraph> list(SketchAccess access) {
        return graphs.list(access.sketchId());
    }

    /** The graph of this sketch, or 404. */
    SavedGraph get(SketchAccess access, long graphId) {
        return graphs.byId(access.sketchId(), graphId)
                .orElseThrow(() -> ApiException.notFound("No graph with ID " + graphId + " in this sketch."));
    }

    SavedGraph create(SketchAccess access, JsonNode body) {
        return graphs.create(access.sketchId(), access.user().id(), graphJson.fields(body, Optional.empty()));
    }

    SavedGraph update(SketchAccess access, long graphId, JsonNode body) {
        SavedGraph old = get(access, graphId);
        graphs.update(access.sketchId(), graphId, graphJson.fields(body, Optional.of(old)));
        return get(access, graphId);
    }

    void delete(SketchAccess access, long graphId) {
        get(access, graphId);
        graphs.delete(access.sketchId(), graphId);
    }
}
