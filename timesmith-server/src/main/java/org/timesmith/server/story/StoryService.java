package org.timesmith.server.story;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Stories (§6): create, update, delete, their wire model, and their blocks. The content is kept as
 * the JSON text the client sends, after checking that it is a list of block objects ({@code ""}
 * becomes {@code "[]"}, as in Timesketch), so the client's strict {@code json.loads} always works.
 * Callers have done the permission check; lookups are by sketch.
 */
@Service
public class StoryService {

    private static final int MAX_TITLE = 255;

    private final StoryRepository stories;
    private final UserRepository users;
    private final ObjectMapper json;

    public StoryService(StoryRepository stories, UserRepository users, ObjectMapper json) {
        this.stories = stories;
        this.users = users;
        this.json = json;
    }

    public List<Story> list(SketchAccess access) {
        return stories.list(access.sketchId());
    }

    public Story get(SketchAccess access, long id) {
        return stories.byId(access.sketchId(), id)
                .orElseThrow(() -> ApiException.notFound("No story with ID " + id + " in this sketch."));
    }

    public Story create(SketchAccess access, JsonNode body) {
        JsonNode request = object(body);
        return stories.create(access.sketchId(), access.user().id(), title(request.get("title")),
                content(request.get("content")), labels(request.get("labels")));
    }

    public Story update(SketchAccess access, long id, JsonNode body) {
        Story old = get(access, id);
        JsonNode request = object(body);
        stories.update(new Story(old.id(), old.sketchId(), old.userId(),
                request.has("title") ? title(request.get("title")) : old.title(),
                request.has("content") ? content(request.get("content")) : old.content(),
                request.has("labels") ? labels(request.get("labels")) : old.labelString(), old.createdAt(),
                old.updatedAt()));
        return get(access, id);
    }

    public void delete(SketchAccess access, long id) {
        get(access, id);
        stories.delete(access.sketchId(), id);
    }

    /** The story's blocks (its content is validated on the way in). */
    public List<JsonNode> blocks(Story story) {
        List<JsonNode> blocks = new ArrayList<>();
        json.readTree(story.content()).forEach(blocks::add);
        return blocks;
    }

    public Map<String, Object> model(Story story) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", story.id());
        model.put("title", story.title());
        model.put("content", story.content());
        model.put("user", users.byId(story.userId()).map(User::toJson).orElseGet(LinkedHashMap::new));
        model.put("labels", labelList(story.labelString()));
        model.put("label_string", story.labelString());
        model.put("sketch_id", story.sketchId());
        model.put("created_at", story.createdAt());
        model.put("updated_at", story.updatedAt());
        return model;
    }

    /** The short entry in the sketch resource's {@code meta.stories}. */
    public Map<String, Object> summary(Story story) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", story.id());
        entry.put("title", story.title());
        entry.put("user", users.byId(story.userId()).map(User::username).orElse(""));
        entry.put("created_at", story.createdAt());
        entry.put("updated_at", story.updatedAt());
        return entry;
    }

    private static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        return body;
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

    private String labels(JsonNode node) {
        List<String> labels = WireValues.stringList(json, node, "labels");
        return labels.isEmpty() ? "" : json.writeValueAsString(labels);
    }

    private List<String> labelList(String labelString) {
        if (labelString == null || labelString.isBlank()) {
            return List.of();
        }
        return List.of(json.readValue(labelString, String[].class));
    }
}
