package org.timesmith.server.story;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The story on the wire (§6): the fields of a create or update body, the story model and the short
 * entry of the sketch resource. The content is kept as the JSON text the client sends, after
 * checking that it is a list of block objects ({@code ""} becomes {@code "[]"}, as in Timesketch),
 * so the client's strict {@code json.loads} always works.
 */
@Component
public class StoryJson {

    private static final int MAX_TITLE = 255;

    private final UserRepository users;
    private final ObjectMapper json;

    StoryJson(UserRepository users, ObjectMapper json) {
        this.users = users;
        this.json = json;
    }

    /** The fields of a new story; 400 for a body that is not an object or a bad field. */
    public StoryFields fields(JsonNode body) {
        JsonNode request = WireValues.object(body);
        return new StoryFields(title(request.get("title")), content(request.get("content")),
                WireValues.labelString(json, request.get("labels")));
    }

    /** The fields of a story after an update: those the body carries, the others as they were. */
    StoryFields fields(JsonNode body, Story old) {
        JsonNode request = WireValues.object(body);
        return new StoryFields(request.has("title") ? title(request.get("title")) : old.title(),
                request.has("content") ? content(request.get("content")) : old.content(),
                request.has("labels") ? WireValues.labelString(json, request.get("labels")) : old.labelString());
    }

    Map<String, Object> model(Story story) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", story.id());
        model.put("title", story.title());
        model.put("content", story.content());
        model.put("user", users.byId(story.userId()).map(User::toJson).orElseGet(LinkedHashMap::new));
        model.put("labels", WireValues.labels(json, story.labelString()));
        model.put("label_string", story.labelString());
        model.put("sketch_id", story.sketchId());
        model.put("created_at", story.createdAt());
        model.put("updated_at", story.updatedAt());
        return model;
    }

    /** The short entry in the sketch resource's {@code meta.stories}. */
    Map<String, Object> summary(Story story) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", story.id());
        entry.put("title", story.title());
        entry.put("user", users.byId(story.userId()).map(User::username).orElse(""));
        entry.put("created_at", story.createdAt());
        entry.put("updated_at", story.updatedAt());
        return entry;
    }

    private static String title(JsonNode node) {
        String title = node == null || node.isNull() ? "" : node.asString("").trim();
        if (title.isEmpty()) {
            throw ApiException.badRequest("A story needs a title.");
        }
        if (title.length() > MAX_TITLE) {
            throw ApiException.badRequest("A story title is at most " + MAX_TITLE + " characters.");
        }
        return title;
    }

    /** The content as stored: a JSON list of block objects, given as a list or as a string holding one. */
    private String content(JsonNode node) {
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            return "[]";
        }
        JsonNode blocks = node;
        if (node.isString()) {
            try {
                blocks = json.readTree(node.asString());
            } catch (JacksonException e) {
                throw ApiException.badRequest("content is not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (!blocks.isArray()) {
            throw ApiException.badRequest("content must be a JSON list of blocks.");
        }
        int position = 0;
        for (JsonNode block : blocks) {
            position++;
            if (!block.isObject()) {
                throw ApiException.badRequest("content block " + position + " is not a JSON object.");
            }
            JsonNode content = block.get("content");
            if (content != null && !content.isNull() && !content.isString()) {
                throw ApiException.badRequest("content block " + position + ": content must be text.");
            }
        }
        return json.writeValueAsString(blocks);
    }

    /** A story text block as the web UI writes them (for stories the server writes: analyzers, LLM reports). */
    public static ObjectNode textBlock(ObjectMapper json, String text) {
        ObjectNode block = json.createObjectNode();
        block.put("componentName", "");
        block.set("componentProps", json.createObjectNode());
        block.put("content", text);
        block.put("edit", false);
        block.put("showPanel", false);
        block.put("isActive", false);
        return block;
    }
}
