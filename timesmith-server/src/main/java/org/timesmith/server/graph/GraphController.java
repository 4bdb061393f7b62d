package org.timesmith.server.graph;

import static org.timesmith.server.access.Permission.READ;
import static org.timesmith.server.access.Permission.WRITE;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.access.ActiveSketchPermission;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.access.SketchPermission;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.api.WireValues;
import tools.jackson.databind.JsonNode;

/**
 * The graph routes of the contract: the plugin list, a plugin run over the sketch ({@code graph/}) and
 * the sketch's saved graphs. Reading and running need read access; saving and deleting need write
 * access to an active sketch.
 */
@RestController
class GraphController {

    private static final String SAVED = "/api/v1/sketches/{sketchId}/graphs";

    private final GraphPlugins plugins;
    private final GraphRunner runner;
    private final GraphService graphs;
    private final GraphJson graphJson;

    GraphController(GraphPlugins plugins, GraphRunner runner, GraphService graphs, GraphJson graphJson) {
        this.plugins = plugins;
        this.runner = runner;
        this.graphs = graphs;
        this.graphJson = graphJson;
    }

    /** A bare list of {@code {name, display_name, description}}, as Timesketch's {@code jsonify}. */
    @GetMapping("/api/v1/graphs")
    List<Map<String, Object>> plugins() {
        return plugins.listing();
    }

    @PostMapping("/api/v1/sketches/{sketchId}/graph")
    Map<String, Object> run(@RequestBody(required = false) JsonNode rawBody, @SketchPermission(READ) SketchAccess access) {
        JsonNode body = WireValues.object(rawBody);
        GraphPlugin plugin = plugins.named(WireValues.text(body, "plugin").orElse(""));
        GraphRunner.Run run = runner.run(access, plugin, body);
        return Envelope.single(GraphRunner.meta(access, run), graphJson.runModel(run, body.get("config")));
    }

    @GetMapping(SAVED)
    Map<String, Object> list(@SketchPermission(READ) SketchAccess access) {
        return Envelope.nested(Map.of("sketch_id", access.sketchId()),
                graphs.list(access).stream().map(g -> graphJson.model(g, true)).toList());
    }

    @PostMapping(SAVED)
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body,
                                               @ActiveSketchPermission(WRITE) SketchAccess access) {
        SavedGraph graph = graphs.create(access, body);
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.single(Map.of(), graphJson.model(graph, true)));
    }

    @GetMapping(SAVED + "/{graphId}")
    Map<String, Object> get(@PathVariable("graphId") long graphId, @RequestParam(name = "format", required = false) String format,
                            @SketchPermission(READ) SketchAccess access) {
        return Envelope.single(Map.of("sketch_id", access.sketchId()),
                graphJson.model(graphs.get(access, graphId), "cytoscape".equals(format)));
    }

    @PostMapping(SAVED + "/{graphId}")
    ResponseEntity<Map<String, Object>> update(@PathVariable("graphId") long graphId,
                                               @RequestBody(required = false) JsonNode body,
                                               @ActiveSketchPermission(WRITE) SketchAccess access) {
        SavedGraph graph = graphs.update(access, graphId, body);
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.single(Map.of(), graphJson.model(graph, true)));
    }

    @DeleteMapping(SAVED + "/{graphId}")
    int delete(@PathVariable("graphId") long graphId, @ActiveSketchPermission(WRITE) SketchAccess access) {
        graphs.delete(access, graphId);
        return 200;
    }
}
