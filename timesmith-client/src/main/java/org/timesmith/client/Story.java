package org.timesmith.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A story of a sketch: a title and a list of blocks (markdown text, a saved search, an
 * aggregation chart), stored on the server as the JSON list the web UI edits (API doc §6). Each
 * {@code add…} call appends a block and saves the story at once.
 */
public final class Story {

    private final Sketch sketch;
    private final long id;

    Story(Sketch sketch, long id) {
        this.sketch = sketch;
        this.id = id;
    }

    public long id() {
        return id;
    }

    private String path() {
        return sketch.path() + "stories/" + id + "/";
    }

    private JsonNode model() {
        try {
            return Json.first(sketch.session().get(path()), "GET " + path());
        } catch (NotFoundException e) {
            throw new NotFoundException("Story " + id + " not found in sketch " + sketch.id() + ".");
        }
    }

    public String title() {
        return model().path("title").asString("");
    }

    /** The blocks as stored: each with {@code componentName}, {@code componentProps} and {@code content}. */
    public List<Map<String, Object>> blocks() {
        List<Map<String, Object>> blocks = new ArrayList<>();
        Json.embedded(model().path("content")).forEach(b -> blocks.add(Json.toMap(b)));
        return blocks;
    }

    public Story addText(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            throw new IllegalArgumentException("A text block needs text.");
        }
        return append(block("", Map.of(), markdown));
    }

    /** A block showing a saved search's events; the search must have been saved. */
    public Story addSavedSearch(Search search) {
        long searchId = search.id().orElseThrow(() -> new IllegalStateException(
                "Save the search before adding it to a story."));
        return append(block("TsViewEventList", Map.of("view", Map.of("id", searchId, "name", search.name())), ""));
    }

    /** A block showing a saved aggregation's chart; the aggregation must have been saved. */
    public Story addAggregation(Aggregation aggregation) {
        long aggregationId = aggregation.id().orElseThrow(() -> new IllegalStateException(
                "Save the aggregation before adding it to a story."));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("id", aggregationId);
        props.put("name", aggregation.name());
        props.put("chart_type", aggregation.chartType());
        props.put("agg_type", aggregation.aggregatorName());
        props.put("description", aggregation.description());
        props.put("parameters", Json.write(aggregation.parameters()));
        return append(block("TsAggregationCompact", Map.of("aggregation", props), ""));
    }

    private static Map<String, Object> block(String component, Map<String, Object> props, String content) {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("componentName", component);
        block.put("componentProps", props);
        block.put("content", content);
        block.put("edit", false);
        block.put("showPanel", false);
        block.put("isActive", false);
        return block;
    }

    private Story append(Map<String, Object> block) {
        JsonNode model = model();
        List<Map<String, Object>> blocks = new ArrayList<>();
        Json.embedded(model.path("content")).forEach(b -> blocks.add(Json.toMap(b)));
        blocks.add(block);
        sketch.session().post(path(), Map.of("title", model.path("title").asString(""), "content", Json.write(blocks)));
        return this;
    }

    /** The story rendered by the server as markdown. */
    public String toMarkdown() {
        return sketch.session().post(path(), Map.of("export_format", "markdown")).path("story").asString("");
    }

    public void delete() {
        sketch.session().delete(path());
    }
}
