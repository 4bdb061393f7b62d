package org.timesmith.server.story;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.sketch.SketchResourceContributor;

/** Puts the sketch's stories into {@code meta.stories} of the sketch resource (§3.1). */
@Component
class StoryResourceContributor implements SketchResourceContributor {

    private final StoryService stories;
    private final StoryJson storyJson;

    StoryResourceContributor(StoryService stories, StoryJson storyJson) {
        this.stories = stories;
        this.storyJson = storyJson;
    }

    @Override
    public void contribute(SketchAccess access, Map<String, Object> meta) {
        meta.put("stories", stories.list(access).stream().map(storyJson::summary).toList());
    }
}
