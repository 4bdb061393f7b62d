package org.timesmith.server.story;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Stories (§6) of a sketch: list, get, create, update, delete, and their blocks. Callers have done
 * the permission check; lookups are by sketch. Their wire forms are {@link StoryJson}'s.
 */
@Service
public class StoryService {

    private final StoryRepository stories;
    private final ObjectMapper json;

    StoryService(StoryRepository stories, ObjectMapper json) {
        this.stories = stories;
        this.json = json;
    }

    public List<Story> list(SketchAccess access) {
        return stories.list(access.sketchId());
    }

    public Story get(SketchAccess access, long id) {
        return stories.byId(access.sketchId(), id)
                .orElseThrow(() -> ApiException.notFound("No story with ID " + id + " in this sketch."));
    }

    public Story create(SketchAccess access, StoryFields fields) {
        return stories.create(access.sketchId(), access.user().id(), fields.title(), fields.content(),
                fields.labelString());
    }

    /** Replaces the fields of a story of this sketch (as {@link #get} found it). */
    Story update(SketchAccess access, Story old, StoryFields fields) {
        stories.update(new Story(old.id(), old.sketchId(), old.userId(), fields.title(), fields.content(),
                fields.labelString(), old.createdAt(), old.updatedAt()));
        return get(access, old.id());
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
}
